import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChecksResponse, ScenariosResponse } from "@/lib/domain/checks";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { ALL_NODES, pollOk } from "../support/collected";
import { labHostPort, startCheckPeers, type CheckPeers } from "../support/checks-peers";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// GET /api/deployments/{id}/checks and /scenarios through `next start`, with the settings and TURN
// credentials entered through the API as an admin would, against the lab, coturn and dnsmasq.

let f: LabFixture;
let peers: CheckPeers;
let app: AppServer;
const cookie: Record<string, string> = {};

async function api<T>(
  method: string,
  path: string,
  role: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { cookie: cookie[role]!, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as T, text };
}

beforeAll(async () => {
  [f, peers] = await Promise.all([startLabFixture(), startCheckPeers()]);
  await createRoleUsers(f.t.db);
  // The server only reads: the test's poller (with the fixture's key) polls the lab.
  app = await startAppServer({ DATABASE_URL: f.t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "c".repeat(64) });
  for (const role of ["viewer", "engineer", "admin"]) cookie[role] = await loginCookie(app.url, role as "viewer");
  const d = `/api/deployments/${f.deploymentId}`;
  expect(
    (
      await api("PUT", d, "admin", {
        outsideResolver: peers.outside.resolver,
        insideResolver: peers.inside.resolver,
        rttThresholdMs: 150,
      })
    ).status,
  ).toBe(200);
  for (const key of ["vcs-e1", "vcs-e2"]) {
    const nodeId = await f.nodeId(key);
    expect(
      (
        await api("PUT", `${d}/nodes/${nodeId}`, "admin", {
          turnProbeTarget: peers.coturn.server,
          tlsProbeTarget: labHostPort(f, key),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api("PUT", `${d}/turn-credentials/${nodeId}`, "admin", {
          username: "cmsturn",
          password: peers.coturn.password,
        })
      ).status,
    ).toBe(200);
  }
  await pollOk(f, ALL_NODES);
});
afterAll(async () => {
  await app?.stop();
  await f?.stop();
  await peers?.stop();
});

describe("checks API", () => {
  it("lists TURN credentials without the password", async () => {
    const r = await api<{ nodeName: string; username: string; passwordSet: boolean }[]>(
      "GET",
      `/api/deployments/${f.deploymentId}/turn-credentials`,
      "admin",
    );
    expect(r.body.map((x) => [x.nodeName, x.username, x.passwordSet])).toEqual([
      ["vcs-e1.example.local", "cmsturn", true],
      ["vcs-e2.example.local", "cmsturn", true],
    ]);
    expect(r.text).not.toContain(peers.coturn.password);
  });

  it("refuses probes to a viewer (POST) and ?probe=1 to anyone (probes run on POST only), and answers cached results without probing", async () => {
    expect((await api("POST", `/api/deployments/${f.deploymentId}/checks`, "viewer")).status).toBe(403);
    expect((await api("POST", `/api/deployments/${f.deploymentId}/scenarios`, "viewer", {})).status).toBe(403);
    // Probing is a mutation: a request another site makes the engineer's browser send is refused.
    for (const path of ["checks", "scenarios"]) {
      const evil = await fetch(`${app.url}/api/deployments/${f.deploymentId}/${path}`, {
        method: "POST",
        headers: { cookie: cookie.engineer!, "sec-fetch-site": "cross-site", "content-type": "application/json" },
        body: '{"probe":true}',
      });
      expect(evil.status, path).toBe(403);
    }
    expect(await f.t.db.auditLog.count({ where: { action: "deployment.probe" } })).toBe(0);
    const old = await api<{ error: { code: string; message: string } }>(
      "GET",
      `/api/deployments/${f.deploymentId}/checks?probe=1`,
      "engineer",
    );
    expect(old.status).toBe(400);
    expect(old.body.error.message).toMatch(/POST/);
    const r = await api<ChecksResponse>("GET", `/api/deployments/${f.deploymentId}/checks`, "viewer");
    expect(r.status).toBe(200);
    expect(r.body.probed).toBe(false);
    expect(r.body.checks.find((c) => c.id === "r8-outside-dns")!.status).toBe("unknown");
    expect(r.body.checks.find((c) => c.id === "v3-tunnels")!.status).toBe("pass");
  });

  it("runs the probes for an engineer: every check passes, with evidence, and the run is audited", async () => {
    const r = await api<ChecksResponse>("POST", `/api/deployments/${f.deploymentId}/checks`, "engineer");
    expect(r.status).toBe(200);
    expect(r.body.probed).toBe(true);
    expect(r.body.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    expect(r.body.manual.length).toBeGreaterThan(0);
    expect(r.text).not.toContain(peers.coturn.password);
    expect(await f.t.db.auditLog.count({ where: { action: "deployment.probe", username: "engineer" } })).toBe(1);
    // A viewer now sees the cached probe results, with their age.
    const cached = await api<ChecksResponse>("GET", `/api/deployments/${f.deploymentId}/checks`, "viewer");
    const r8 = cached.body.checks.find((c) => c.id === "r8-outside-dns")!;
    expect(r8.status).toBe("pass");
    expect(r8.evidence[0]!.ageMs).toBeGreaterThanOrEqual(0);
  });

  it("answers T1–T4 verdicts: none indicated on the healthy lab", async () => {
    const r = await api<ScenariosResponse>("GET", `/api/deployments/${f.deploymentId}/scenarios`, "viewer");
    expect(r.status).toBe(200);
    expect(r.body.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ["T1", "not-indicated"],
      ["T2", "not-indicated"],
      ["T3", "not-indicated"],
      ["T4", "not-indicated"],
    ]);
    expect(r.body.scenarios[0]!.title).toBe("outside users connect but get no audio or video");
  });

  it("detects T1 after the stored TURN password stops matching coturn's", async () => {
    const nodeId = await f.nodeId("vcs-e1");
    await api("PUT", `/api/deployments/${f.deploymentId}/turn-credentials/${nodeId}`, "admin", {
      username: "cmsturn",
      password: "wrong-password",
    });
    const r = await api<ScenariosResponse>("POST", `/api/deployments/${f.deploymentId}/scenarios`, "engineer", {
      probe: true,
    });
    expect(r.body.scenarios.find((s) => s.id === "T1")!.verdict).toBe("likely");
  });

  it("validates settings: a resolver must be an IP", async () => {
    const r = await api<{ error: { code: string } }>("PUT", `/api/deployments/${f.deploymentId}`, "admin", {
      insideResolver: "dns.example.com",
    });
    expect(r.status).toBe(400);
  });
});
