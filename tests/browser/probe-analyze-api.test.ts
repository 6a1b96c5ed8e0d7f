import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// The probe and evidence routes as an engineer's browser calls them, against the production build.
let t: TestDb;
let app: AppServer;
let cookie: string;
let listener: net.Server;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "d".repeat(64) });
  cookie = await loginCookie(app.url, "engineer");
  // Engineers probe only what a deployment names: this one names the loopback listener's address.
  const d = await t.db.deployment.create({
    data: { name: "Probe targets", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
  });
  await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "EXPRESSWAY_E",
      name: "e1",
      baseUrl: "https://192.0.2.20",
      username: "api",
      passwordEnc: "v1:x:y:z",
      privateAddress: "127.0.0.1",
    },
  });
  listener = net.createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  listener?.close();
  await app?.stop();
  await t?.cleanup();
});

const post = (path: string, body: BodyInit, type = "application/json") =>
  fetch(`${app.url}${path}`, { method: "POST", headers: { cookie, origin: app.url, "content-type": type }, body });

describe("POST /api/probes/{probe}", () => {
  it("runs a TCP port probe against a loopback listener", async () => {
    const { port } = listener.address() as net.AddressInfo;
    const res = await post("/api/probes/port", JSON.stringify({ target: `127.0.0.1:${port}`, transport: "tcp" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ open: true, transport: "tcp" });
  });

  it("refuses an engineer's probe of an address no deployment names, before sending anything", async () => {
    let connections = 0;
    const other = net.createServer((s) => (connections++, s.end()));
    await new Promise<void>((r) => other.listen(0, "127.0.0.2", r));
    try {
      const { port } = other.address() as net.AddressInfo;
      const res = await post("/api/probes/port", JSON.stringify({ target: `127.0.0.2:${port}`, transport: "tcp" }));
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({
        code: "probe_target_not_allowed",
        message: expect.stringMatching(/not an address of any deployment/),
      });
      expect(connections).toBe(0);
      // An admin widens the engineers' set in Settings.
      const admin = await loginCookie(app.url, "admin");
      const widened = await fetch(`${app.url}/api/settings`, {
        method: "PUT",
        headers: { cookie: admin, origin: app.url, "content-type": "application/json" },
        body: JSON.stringify({ probeExtraTargets: ["127.0.0.2"] }),
      });
      expect(widened.status).toBe(200);
      expect((await widened.json()).probeExtraTargets).toEqual(["127.0.0.2"]);
      const allowed = await post("/api/probes/port", JSON.stringify({ target: `127.0.0.2:${port}`, transport: "tcp" }));
      expect(allowed.status).toBe(200);
      expect(connections).toBe(1);
    } finally {
      other.close();
    }
  });

  it("explains a bad target and an unknown probe", async () => {
    const bad = await post(
      "/api/probes/dns",
      JSON.stringify({ resolver: "not a resolver", name: "webbridge.example.com", type: "A" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/resolver/);
    const unknown = await post("/api/probes/ping", "{}");
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(
      /probe must be one of dns, tls, port, turn|probe must be one of/,
    );
  });

  it("records the probe in the audit log without its password", async () => {
    await post(
      "/api/probes/turn",
      JSON.stringify({
        server: "127.0.0.1:9",
        transport: "tcp",
        username: "cmsturn",
        password: "turn-secret-in-body",
        timeoutMs: 300,
      }),
    );
    const admin = await loginCookie(app.url, "admin");
    const audit = await (await fetch(`${app.url}/api/audit`, { headers: { cookie: admin } })).text();
    expect(audit).toContain("probe.turn");
    expect(audit).not.toContain("turn-secret-in-body");
  });
});

describe("POST /api/analyze/{kind}", () => {
  it("finds T1 in a CMS event log uploaded as the raw body", async () => {
    const res = await post(
      "/api/analyze/cms-log",
      fs.readFileSync("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv"),
      "text/plain",
    );
    expect(res.status).toBe(200);
    expect((await res.json()).scenarioIds).toContain("T1");
  });

  it("says clearly when a file is not what it claims, or too large", async () => {
    const wrong = await post(
      "/api/analyze/har",
      fs.readFileSync("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv"),
      "application/json",
    );
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.message).toMatch(/not a HAR file/i);
    const huge = await post("/api/analyze/cms-log", Buffer.alloc(33 * 1024 * 1024, 0x41), "text/plain");
    expect(huge.status).toBe(413);
    const empty = await post("/api/analyze/pcap", Buffer.alloc(0), "application/octet-stream");
    expect(empty.status).toBe(400);
  });

  it("lists the evidence kinds with their limits", async () => {
    const list = (await (await fetch(`${app.url}/api/analyze`, { headers: { cookie } })).json()) as {
      id: string;
      maxBytes: number;
    }[];
    expect(list.map((a) => a.id)).toEqual(["cms-log", "webrtc-internals", "har", "pcap"]);
  });
});
