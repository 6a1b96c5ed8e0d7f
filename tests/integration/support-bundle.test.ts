import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { Poller } from "@/lib/server/poller/poller";
import { CaptureStore } from "@/lib/server/support/capture-store";
import { buildSupportBundle, BUNDLE_FORMAT } from "@/lib/server/support/support-bundle";
import {
  E1,
  healthyCms,
  PASSWORD,
  startCiscoShapesServer,
  USER,
  type CiscoShapesServer,
  type ExpresswayWorld,
} from "../support/cisco-shapes-server";
import { createTestDb, type TestDb } from "../support/test-db";

// The support bundle against real HTTPS peers on loopback (Cisco's documented shapes), one of them
// hostile: it echoes the Basic credentials and the password in its body, a custom header, a cookie
// and a URL. The bundle holds every request of the last poll with status, headers and body, which
// parser path matched and any parse error — and no secret in any encoding.

const TURN_PASSWORD = "TurnPa55-w0rd!";
const SECRET_KEY = crypto.randomBytes(32).toString("hex");
const ADMIN_PASSWORD = "first-admin-Passw0rd";

let t: TestDb;
let env: Env;
let box: SecretBox;
let poller: Poller;
let deploymentId: string;
const servers: CiscoShapesServer[] = [];
const ids: Record<string, string> = {};
const cWorld: ExpresswayWorld = { getxml: "subtrees", echoSecrets: true, brokenTunnels: true };

beforeAll(async () => {
  t = await createTestDb();
  box = new SecretBox(Buffer.from(SECRET_KEY, "hex"));
  env = parseEnv({
    DATABASE_URL: t.url,
    EDGESCOPE_SECRET_KEY: SECRET_KEY,
    EDGESCOPE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    EDGESCOPE_HTTP_TIMEOUT_MS: "3000",
  });
  const cms = await startCiscoShapesServer("cms", () => healthyCms());
  const c = await startCiscoShapesServer("expressway", () => cWorld);
  const e = await startCiscoShapesServer("expressway", () => ({ getxml: "refuse" }));
  servers.push(cms, c, e);
  deploymentId = (
    await t.db.deployment.create({
      data: { name: "Bundle", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
    })
  ).id;
  for (const [name, role, s, extra] of [
    ["vcs-c", "EXPRESSWAY_C", c, {}],
    ["vcs-e1", "EXPRESSWAY_E", e, E1],
    ["cms1", "CMS", cms, {}],
  ] as const) {
    ids[name] = (
      await t.db.node.create({
        data: {
          deploymentId,
          name,
          role,
          baseUrl: s.url,
          username: USER,
          passwordEnc: box.seal(PASSWORD),
          caPem: s.caPem,
          ...extra,
        },
      })
    ).id;
  }
  await setTurnCredential(t.db, box, deploymentId, ids["vcs-e1"]!, {
    username: "expturncreds",
    password: TURN_PASSWORD,
  });
  poller = new Poller({ db: t.db, box, env, collectors: COLLECTORS });
  await poller.pollNow(Object.values(ids));
});

afterAll(async () => {
  await poller?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  await t?.cleanup();
});

const b64 = (s: string) => Buffer.from(s).toString("base64");
const SECRETS = [
  PASSWORD,
  TURN_PASSWORD,
  SECRET_KEY,
  ADMIN_PASSWORD,
  encodeURIComponent(PASSWORD),
  b64(PASSWORD),
  b64(`${USER}:${PASSWORD}`),
  b64(`${USER}:${PASSWORD}`).replace(/=+$/, ""),
  b64(TURN_PASSWORD),
];

describe("support bundle", () => {
  it("holds every request of the last poll, with status, headers and body, and no secret in any encoding", async () => {
    const bundle = await buildSupportBundle(t.db, env, box, poller.captures, deploymentId);
    expect(bundle.format).toBe(BUNDLE_FORMAT);
    expect(bundle.nodes.map((n) => [n.name, n.captured]).sort()).toEqual([
      ["cms1", "last-poll"],
      ["vcs-c", "last-poll"],
      ["vcs-e1", "last-poll"],
    ]);
    const text = JSON.stringify(bundle);
    expect(SECRETS.filter((s) => text.includes(s))).toEqual([]);
    // The hostile echo was there to redact: the body comment, the custom header and the cookie.
    const c = bundle.nodes.find((n) => n.name === "vcs-c")!;
    const anyC = c.sources.flatMap((s) => s.requests).find((r) => r.status === 200)!;
    expect(anyC.headers["set-cookie"]).toBe("[redacted]");
    expect(anyC.requestHeaders.authorization).toBe("Basic [redacted]");
    expect(anyC.status).toBe(200);
    expect(anyC.headers["content-type"]).toMatch(/text\/xml/);
    expect(anyC.body).toMatch(/<!-- Basic \[redacted\] \[redacted\] https:\/\/\[redacted\]@box\/ \[redacted\] -->/);
    expect(anyC.headers["x-echo-auth"]).toBeUndefined(); // not a header that matters: never kept
  });

  it("says which parser path matched and where parsing failed", async () => {
    const bundle = await buildSupportBundle(t.db, env, box, poller.captures, deploymentId);
    const source = (node: string, id: string) =>
      bundle.nodes.find((n) => n.name === node)!.sources.find((s) => s.source === id)!;
    const tunnels = source("vcs-c", "expressway-c.tunnels");
    expect(tunnels.outcome).toBe("parse");
    expect(tunnels.parseError).toMatchObject({ path: "/Status/CollaborationEdge/Tunnels/Tunnel/Status" });
    expect(tunnels.requests[0]!.body).toContain('<Target item="1">e1</Target>');
    const settings = source("vcs-c", "expressway-c.cms-settings");
    expect(settings.outcome).toBe("ok");
    expect(settings.parts).toEqual([
      expect.objectContaining({
        location: "/Configuration/CollaborationEdge/CMS",
        state: "unavailable",
        reason: "No match for XPath",
      }),
    ]);
    expect(settings.requests.map((r) => r.body).join(" ")).toMatch(/<Fault><XPathError><Reason>No match for XPath/);
    expect(source("cms1", "cms.turn-servers").matched).toEqual({ "host RTT element": "roundTripTimeMs" });
    const relays = source("vcs-e1", "expressway-e.turn-relays");
    expect(relays.matched).toEqual({ "/Status/ResourceUsage/TURN": "status.xml", "/Status/TURN": "status.xml" });
    expect(relays.requests.map((r) => new URL(r.url).pathname)).toEqual(
      expect.arrayContaining(["/getxml", "/status.xml"]),
    );
  });

  it("polls once for the bundle (storing nothing) when this process holds no last poll, for one node", async () => {
    const runsBefore = await t.db.pollRun.count();
    const bundle = await buildSupportBundle(t.db, env, box, new CaptureStore(), deploymentId, { nodeId: ids["vcs-c"] });
    expect(bundle.nodes.map((n) => [n.name, n.captured])).toEqual([["vcs-c", "on-request"]]);
    expect(bundle.nodes[0]!.sources.length).toBe(COLLECTORS.filter((c) => c.roles.includes("EXPRESSWAY_C")).length);
    expect(SECRETS.filter((s) => JSON.stringify(bundle).includes(s))).toEqual([]);
    expect(await t.db.pollRun.count()).toBe(runsBefore);
  });

  it("refuses an unknown node with 404", async () => {
    await expect(
      buildSupportBundle(t.db, env, box, poller.captures, deploymentId, { nodeId: "c00000000000000000000000" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
