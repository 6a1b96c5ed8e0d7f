import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { Poller } from "@/lib/server/poller/poller";
import {
  E1,
  E2,
  healthyCms,
  PASSWORD,
  startCiscoShapesServer,
  TS1,
  TS2,
  USER,
  type CiscoShapesServer,
  type CmsWorld,
  type ExpresswayWorld,
} from "../support/cisco-shapes-server";
import { latestOfNode } from "../support/collected";
import { createTestDb, type TestDb } from "../support/test-db";

// Edgescope against the payload shapes Cisco documents (served by tests/support/cisco-shapes-server.ts
// on loopback, not the lab): every CMS and Expressway-E source polls ok, Expressway-C polls ok
// although its (invented) settings location answers <Fault><XPathError>, RTTs are stored, and V4
// passes on a healthy CMS and names an unreachable host.

let t: TestDb;
let env: Env;
let box: SecretBox;
let poller: Poller;
let deploymentId: string;
let cmsWorld: CmsWorld;
let eWorld: ExpresswayWorld;
let cWorld: ExpresswayWorld;
const servers: CiscoShapesServer[] = [];
let cmsServer: CiscoShapesServer;
let eServer: CiscoShapesServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  const key = crypto.randomBytes(32);
  box = new SecretBox(key);
  env = parseEnv({ DATABASE_URL: t.url, EDGESCOPE_SECRET_KEY: key.toString("hex"), EDGESCOPE_HTTP_TIMEOUT_MS: "3000" });
  cmsServer = await startCiscoShapesServer("cms", () => cmsWorld);
  eServer = await startCiscoShapesServer("expressway", () => eWorld);
  const cServer = await startCiscoShapesServer("expressway", () => cWorld);
  servers.push(cmsServer, eServer, cServer);
  const d = await t.db.deployment.create({
    data: { name: "Cisco shapes", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
  });
  deploymentId = d.id;
  const node = async (
    name: string,
    role: "EXPRESSWAY_C" | "EXPRESSWAY_E" | "CMS",
    s: CiscoShapesServer,
    addresses: { privateAddress?: string; publicAddress?: string } = {},
  ) => {
    const n = await t.db.node.create({
      data: {
        deploymentId,
        name,
        role,
        baseUrl: s.url,
        username: USER,
        passwordEnc: box.seal(PASSWORD),
        caPem: s.caPem,
        ...addresses,
      },
    });
    ids[name] = n.id;
  };
  await node("vcs-c", "EXPRESSWAY_C", cServer);
  await node("vcs-e1", "EXPRESSWAY_E", eServer, E1);
  await node("vcs-e2", "EXPRESSWAY_E", eServer, E2);
  await node("cms1", "CMS", cmsServer);
  poller = new Poller({ db: t.db, box, env, collectors: COLLECTORS });
});

afterAll(async () => {
  await poller?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  await t?.cleanup();
});

beforeEach(() => {
  cmsWorld = healthyCms();
  eWorld = { getxml: "subtrees" };
  cWorld = { getxml: "subtrees" };
});

const pollAll = async () =>
  [...(await poller.pollNow(Object.values(ids))).entries()].flatMap(([nodeId, outcomes]) =>
    outcomes.map((o) => ({ node: Object.keys(ids).find((k) => ids[k] === nodeId)!, ...o })),
  );
const v4 = async () =>
  (
    await getDeploymentChecks(t.db, env, box, deploymentId, { probes: "cached", runner: new ProbeRunner() })
  ).checks.find((c) => c.id === "v4-turn-rtt")!;
const checks = async () =>
  (await getDeploymentChecks(t.db, env, box, deploymentId, { probes: "cached", runner: new ProbeRunner() })).checks;

describe("Cisco's documented shapes", () => {
  it("every CMS and Expressway-E source polls ok; Expressway-C polls ok with the settings location refused", async () => {
    const outcomes = await pollAll();
    const notOk = outcomes
      .filter((o) => o.outcome !== "ok")
      .map((o) => `${o.node} ${o.source}: ${o.outcome} ${o.message}`);
    expect(notOk).toEqual([]);
    const sources = (node: string) =>
      outcomes
        .filter((o) => o.node === node)
        .map((o) => o.source)
        .sort();
    expect(sources("cms1")).toEqual(
      COLLECTORS.filter((c) => c.roles.includes("CMS"))
        .map((c) => c.id)
        .sort(),
    );
    expect(sources("vcs-e1")).toEqual(
      COLLECTORS.filter((c) => c.roles.includes("EXPRESSWAY_E"))
        .map((c) => c.id)
        .sort(),
    );
    // getxml served these subtrees itself (no fallback needed)…
    expect(poller.captures.of(ids["vcs-e1"]!).find((c) => c.source === "expressway-e.turn-relays")!.matched).toEqual({
      "/Status/ResourceUsage/TURN": "getxml",
      "/Status/TURN": "getxml",
    });
    // …and the refused settings part is said in the box's own words, on an ok poll.
    const settings = outcomes.find((o) => o.node === "vcs-c" && o.source === "expressway-c.cms-settings")!;
    expect(settings.message).toMatch(
      /\/Configuration\/CollaborationEdge\/CMS\) not available on this version: No match for XPath/,
    );
  });

  it("keeps the resolved Web Bridge table (V1) and marks only the settings part missing", async () => {
    await pollAll();
    const snap = await t.db.snapshot.findFirstOrThrow({
      where: { nodeId: ids["vcs-c"], source: "expressway-c.cms-settings" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(snap.content)).toEqual({
      webProxyEnabled: null,
      guestAccountClientUri: null,
      resolved: [], // the public sample's CMSs element is empty: read, not missing
      parts: [
        {
          part: "settings (web proxy, Guest account client URI)",
          location: "/Configuration/CollaborationEdge/CMS",
          state: "unavailable",
          reason: "No match for XPath",
        },
      ],
    });
    const c1 = (await checks()).find((c) => c.id === "c1-web-proxy")!;
    expect(c1.inferred?.from).toEqual(["V2", "V3"]);
  });

  it("stores the round-trip time CMS reports as roundTripTimeMs, with reachable", async () => {
    await pollAll();
    const samples = await t.db.turnServerSample.findMany({
      where: { nodeId: ids.cms1 },
      orderBy: { turnServerId: "asc" },
    });
    expect(samples.map((s) => [s.turnServerId, s.hostAddress, s.rttMs, s.allocations])).toEqual(
      expect.arrayContaining([
        [TS1, E1.privateAddress, 3, 2],
        [TS2, E2.privateAddress, 5, 2],
      ]),
    );
    const latest = (await latestOfNode(t.db, "cms.turn-servers", ids.cms1!)) as {
      status: { hosts: { reachable: boolean | null }[] };
    };
    expect(latest.status.hosts.map((h) => h.reachable)).toEqual([true, true]);
  });

  it("V4 passes on a healthy CMS", async () => {
    await pollAll();
    const r = await v4();
    expect(r.status, r.summary).toBe("pass");
  });

  it("V4 names the host CMS reports unreachable, and the turnServerUnavailable alarm naming its turnServer", async () => {
    cmsWorld.hosts[TS2] = { reachable: false };
    cmsWorld.alarms = [{ id: "a1", type: "turnServerUnavailable", params: { turnServer: TS2 } }];
    const outcomes = await pollAll();
    expect(outcomes.filter((o) => o.outcome !== "ok")).toEqual([]);
    const r = await v4();
    expect(r.status).toBe("fail");
    expect(r.summary).toContain(`CMS reports ${E2.privateAddress} unreachable`);
    expect(r.summary).toContain("turnServerUnavailable");
    expect((await checks()).find((c) => c.id === "r3-cms-alarms")!.status).toBe("pass");
  });

  it("degrades per part: a failing turnServer detail or status or bridge detail is marked, the rest is stored", async () => {
    cmsWorld.failParts = true;
    const outcomes = await pollAll();
    expect(outcomes.filter((o) => o.outcome !== "ok").map((o) => `${o.node} ${o.source}: ${o.message}`)).toEqual([]);
    const content = async (source: string) =>
      JSON.parse(
        (await t.db.snapshot.findFirstOrThrow({ where: { nodeId: ids.cms1, source }, orderBy: { id: "desc" } }))
          .content,
      );
    const turn = await content("cms.turn-servers");
    expect(turn.turnServers.map((x: { id: string; hosts: unknown[] | null }) => [x.id, x.hosts === null])).toEqual([
      [TS1, false],
      [TS2, true],
    ]);
    // TS1's detail failed: the list's addresses stay, the detail's fields are unknown (null), never guessed.
    expect(turn.turnServers[0]).toMatchObject({
      serverAddress: E1.privateAddress,
      clientAddress: E1.publicAddress,
      type: null,
      username: null,
    });
    expect(turn.turnServers[0].tcpPortNumberOverride ?? null).toBeNull();
    expect(turn.turnServers[1]).toMatchObject({ type: "expressway", username: "expturncreds" });
    expect(turn.parts).toEqual([
      expect.objectContaining({
        part: `turnServer ${TS1} detail`,
        location: `/api/v1/turnServers/${TS1}`,
        state: "failed",
        reason: expect.stringMatching(/HTTP 500/),
      }),
      expect.objectContaining({
        location: `/api/v1/turnServers/${TS2}/status`,
        state: "failed",
        reason: expect.stringMatching(/HTTP 500/),
      }),
    ]);
    expect((await content("cms.call-bridges")).callBridges).toEqual([
      { id: expect.any(String), name: "CallBridge-Core1", address: null, sipDomain: null },
    ]);
    expect((await content("cms.web-bridges")).webBridges[0]).toMatchObject({
      url: "https://join.example.com",
      status: { status: "success" },
    });
    const msg = outcomes.find((o) => o.node === "cms1" && o.source === "cms.turn-servers")!.message;
    expect(msg).toMatch(/detail \(\/api\/v1\/turnServers\/[^)/]+\) could not be read: http: HTTP 500/);
    expect(msg).toMatch(/status \(\/api\/v1\/turnServers\/[^)]+\/status\) could not be read: http: HTTP 500/);
    // V4 says "no status" for TS2 — not unreachable, not a pass — and reads TS1's status despite its detail.
    const r = await v4();
    expect(r.status).toBe("fail");
    expect(r.summary).toMatch(/198\.51\.100\.37\): CMS gave no status/);
    expect(r.summary).not.toMatch(/unreachable/);
    expect(r.summary).not.toContain(E1.privateAddress);
    // C5 cannot know vcs-e1's type: unknown with the reason, not "type (empty) is not expressway".
    const c5 = (await checks()).find((c) => c.id === "c5-turn-servers")!;
    expect(c5.status, c5.summary).toBe("unknown");
    expect(c5.summary).toMatch(/vcs-e1: turnServer \S+ detail not readable: http: HTTP 500/);
    expect(c5.summary).not.toMatch(/not expressway/);
  });

  it("fails the poll when every request after the turnServers list fails", async () => {
    cmsWorld.failPaths = [TS1, TS2].flatMap((id) => [`/api/v1/turnServers/${id}`, `/api/v1/turnServers/${id}/status`]);
    const outcomes = await pollAll();
    const turn = outcomes.find((o) => o.node === "cms1" && o.source === "cms.turn-servers")!;
    expect(turn.outcome).not.toBe("ok");
    expect(turn.message).toMatch(/HTTP 500/);
  });

  it.each([
    ["the documented <Fault><XPathError>", false],
    ["a bare <XPathError>", true],
  ])("reads every Expressway location from /status.xml when getxml answers %s", async (_n, bare) => {
    eWorld = { getxml: "refuse", bareXPathError: bare };
    cWorld = { getxml: "refuse", bareXPathError: bare };
    eServer.asked.length = 0;
    const outcomes = await pollAll();
    expect(outcomes.filter((o) => o.outcome !== "ok").map((o) => `${o.node} ${o.source}: ${o.message}`)).toEqual([]);
    expect(eServer.asked).toContain("/status.xml");
    const relay = poller.captures.of(ids["vcs-e1"]!).find((c) => c.source === "expressway-e.turn-relays")!;
    expect(relay.matched).toEqual({ "/Status/ResourceUsage/TURN": "status.xml", "/Status/TURN": "status.xml" });
    const sample = await t.db.turnRelaySample.findFirstOrThrow({
      where: { nodeId: ids["vcs-e1"] },
      orderBy: { id: "desc" },
    });
    expect(sample.serverStatus).toBe("Inactive"); // what the public X8.11.3 sample says
  });
});
