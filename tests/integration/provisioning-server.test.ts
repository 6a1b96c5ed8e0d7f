import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// The provisioning file under `next start`: applied at start, provisioned objects read-only in the
// API (409 naming the file), re-read on SIGHUP (an invalid file keeps the running configuration),
// exported as YAML, and an invalid file stops the start with its line.

const fixture = fs.readFileSync(path.resolve("tests/fixtures/provisioning/lab.yaml"), "utf8");
const secrets = {
  PROV_VCS_E1_PASSWORD: "e1-secret",
  PROV_TURN_E1_PASSWORD: "turn-secret",
  PROV_CMS1_PASSWORD: "cms-secret",
  PROV_HOOK_SECRET: "hook-secret-123",
};
let t: TestDb;
let server: AppServer;
let file: string;
let admin: Record<string, string>;

const baseEnv = () => ({
  DATABASE_URL: t.url,
  EDGESCOPE_SECRET_KEY: crypto.randomBytes(32).toString("hex"),
  EDGESCOPE_POLLER: "off",
  ...secrets,
});

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  file = path.join(t.dir, "deployments.yaml");
  fs.writeFileSync(file, fixture);
  server = await startAppServer({ ...baseEnv(), EDGESCOPE_PROVISION: file });
  admin = { cookie: await loginCookie(server.url, "admin"), "content-type": "application/json", origin: server.url };
});
afterAll(async () => {
  await server?.stop();
  await t?.cleanup();
});

const api = (p: string, init: RequestInit = {}) =>
  fetch(`${server.url}${p}`, { ...init, headers: { ...admin, ...(init.headers as Record<string, string>) } });

async function until(what: string, ok: () => Promise<boolean>) {
  const deadline = Date.now() + 20_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("provisioning under next start", () => {
  it("applies the file at start and answers 409 naming the file to PUT and DELETE on provisioned objects", async () => {
    const deployments = (await (await api("/api/deployments")).json()) as { id: string; name: string }[];
    const lab = deployments.find((d) => d.name === "Lab")!;
    expect(lab).toBeDefined();
    const nodes = (await (await api(`/api/deployments/${lab.id}/nodes`)).json()) as { id: string; name: string }[];
    const e1 = nodes.find((n) => n.name === "vcs-e1")!;
    const channel = await t.db.alertChannel.findFirstOrThrow({ where: { name: "NOC hook" } });
    const rule = await t.db.alertRule.findFirstOrThrow({ where: { name: "Lab failures" } });

    const attempts: [string, string, unknown?][] = [
      ["PUT", `/api/deployments/${lab.id}`, { rttThresholdMs: 100 }],
      ["DELETE", `/api/deployments/${lab.id}`],
      ["PUT", `/api/deployments/${lab.id}/nodes/${e1.id}`, { username: "someone" }],
      ["DELETE", `/api/deployments/${lab.id}/nodes/${e1.id}`],
      ["PUT", `/api/deployments/${lab.id}/turn-credentials/${e1.id}`, { username: "x", password: "y" }],
      ["DELETE", `/api/deployments/${lab.id}/turn-credentials/${e1.id}`],
      [
        "PUT",
        `/api/alerts/channels/${channel.id}`,
        { name: "NOC hook", type: "webhook", config: { url: "http://127.0.0.1:9/other" } },
      ],
      ["DELETE", `/api/alerts/channels/${channel.id}`],
      ["PUT", `/api/alerts/rules/${rule.id}`, { name: "Lab failures", minSeverity: "warn", channelIds: [] }],
      ["DELETE", `/api/alerts/rules/${rule.id}`],
    ];
    for (const [method, p, body] of attempts) {
      const res = await api(p, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      expect([method, p, res.status]).toEqual([method, p, 409]);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("provisioned");
      expect(error.message).toContain(file);
    }
    expect(await t.db.deployment.findUniqueOrThrow({ where: { id: lab.id } })).toMatchObject({ rttThresholdMs: 250 });
    expect(await t.db.node.count()).toBe(2);

    // A hand-made deployment stays editable.
    const made = await api("/api/deployments", {
      method: "POST",
      body: JSON.stringify({ name: "By hand", joinUrl: "hand.example.com", callBridgeDomain: "example.com" }),
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect(
      (await api(`/api/deployments/${id}`, { method: "PUT", body: JSON.stringify({ rttThresholdMs: 120 }) })).status,
    ).toBe(200);

    // The lists say which objects are read-only, for the UI.
    const listed = (await (await api("/api/deployments")).json()) as { name: string; provisioned: boolean }[];
    expect(listed.map((d) => [d.name, d.provisioned])).toEqual([
      ["By hand", false],
      ["Lab", true],
    ]);
    expect(
      ((await (await api(`/api/deployments/${lab.id}/nodes`)).json()) as { provisioned: boolean }[]).map(
        (n) => n.provisioned,
      ),
    ).toEqual([true, true]);
    expect(
      ((await (await api("/api/alerts/channels")).json()) as { provisioned: boolean }[]).map((c) => c.provisioned),
    ).toEqual([true]);
    expect(
      ((await (await api("/api/alerts/rules")).json()) as { provisioned: boolean }[]).map((r) => r.provisioned),
    ).toEqual([true]);
  });

  it("exports YAML for admins only, with no secret in it", async () => {
    const res = await api("/api/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/yaml/);
    const body = await res.text();
    expect(body).toContain("passwordEnv: PROV_CMS1_PASSWORD");
    for (const s of Object.values(secrets)) expect(body).not.toContain(s);
    const viewer = await fetch(`${server.url}/api/export`, {
      headers: { cookie: await loginCookie(server.url, "viewer") },
    });
    expect(viewer.status).toBe(403);
  });

  it("re-applies the file on SIGHUP, and keeps the running configuration when the file has become invalid", async () => {
    fs.writeFileSync(file, fixture.replace("rttThresholdMs: 250", "rttThresholdMs: 275"));
    server.proc.kill("SIGHUP");
    await until(
      "the edited file applied",
      async () => (await t.db.deployment.findFirst({ where: { name: "Lab" } }))?.rttThresholdMs === 275,
    );

    const broken = fixture.replace("rttThresholdMs: 250", "rttThresholdMs: fast");
    fs.writeFileSync(file, broken);
    server.proc.kill("SIGHUP");
    const line = broken.split("\n").findIndex((l) => l.includes("rttThresholdMs: fast")) + 1;
    await until("the refusal logged", async () =>
      server.output().includes(`${file}:${line}: deployments[0].rttThresholdMs:`),
    );
    expect(server.output()).toContain("the running configuration is kept");
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await t.db.deployment.findFirst({ where: { name: "Lab" } })).toMatchObject({ rttThresholdMs: 275 });
    expect(await t.db.node.count()).toBe(2);
  });

  it("refuses to start with an invalid file: exit code 1 and the file, line and field", async () => {
    const bad = path.join(t.dir, "bad.yaml");
    const text = fixture.replace("joinUrl: join.example.com", "joinUrl: not a domain");
    fs.writeFileSync(bad, text);
    const line = text.split("\n").findIndex((l) => l.includes("not a domain")) + 1;
    await expect(startAppServer({ ...baseEnv(), EDGESCOPE_PROVISION: bad })).rejects.toThrow(
      new RegExp(
        `next start exited with 1:[\\s\\S]*refusing to start: invalid provisioning file ${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:${line}: deployments\\[0\\]\\.joinUrl: Must be a fully qualified domain name`,
      ),
    );
    const good = path.join(t.dir, "env.yaml");
    fs.writeFileSync(good, fixture);
    const { PROV_CMS1_PASSWORD: _, ...noCms } = baseEnv();
    const cmsLine = fixture.split("\n").findIndex((l) => l.includes("passwordEnv: PROV_CMS1_PASSWORD")) + 1;
    await expect(startAppServer({ ...noCms, EDGESCOPE_PROVISION: good })).rejects.toThrow(
      new RegExp(
        `next start exited with 1:[\\s\\S]*env\\.yaml:${cmsLine}: deployments\\[0\\]\\.nodes\\[1\\]\\.passwordEnv: environment variable PROV_CMS1_PASSWORD is not set`,
      ),
    );
  });
});
