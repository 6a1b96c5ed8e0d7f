import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentStatus, PollNowResponse } from "@/lib/domain/api-types";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// POST /poll and GET /status through the production build (`next start`), against the lab.
let f: LabFixture;
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  const key = crypto.randomBytes(32).toString("hex");
  f = await startLabFixture({ EDGESCOPE_SECRET_KEY: key });
  const { SecretBox, parseKey } = await import("@/lib/server/crypto/secret-box");
  const { seedLabDeployment } = await import("@/lib/server/demo/seed-lab");
  await seedLabDeployment(f.t.db, new SecretBox(parseKey(key)), f.lab);
  // The server's own poller stays off: every poll in this file is one the test asked for.
  await createRoleUsers(f.t.db);
  app = await startAppServer({ DATABASE_URL: f.t.url, EDGESCOPE_SECRET_KEY: key, EDGESCOPE_POLLER: "off", EDGESCOPE_HTTP_TIMEOUT_MS: "1500" });
  cookie = await loginCookie(app.url, "engineer");
});
afterAll(async () => {
  await app?.stop();
  await f?.stop();
});

const poll = async () => (await fetch(`${app.url}/api/deployments/${f.deploymentId}/poll`, { method: "POST", headers: { cookie } })).json() as Promise<PollNowResponse>;
const status = async () => (await fetch(`${app.url}/api/deployments/${f.deploymentId}/status`, { headers: { cookie } })).json() as Promise<DeploymentStatus>;

describe("poll and status API", () => {
  it("POST /poll answers an ok outcome per node and source; GET /status shows each with data and age", async () => {
    const polled = await poll();
    expect(polled.nodes).toHaveLength(4);
    const outcomes = polled.nodes.flatMap((n) => n.outcomes);
    expect(outcomes).toHaveLength(16);
    for (const o of outcomes) expect(o, `${o.source}: ${o.message}`).toMatchObject({ outcome: "ok", message: null });

    const s = await status();
    const sources = s.nodes.flatMap((n) => n.sources.map((x) => ({ node: n.name, ...x })));
    expect(sources.map((x) => `${x.node} ${x.source}`).sort()).toEqual(polled.nodes.flatMap((n) => n.outcomes.map((o) => `${n.name} ${o.source}`)).sort());
    for (const x of sources) expect(x, `${x.node} ${x.source}`).toMatchObject({ lastRun: { outcome: "ok" }, ageMs: expect.any(Number), stale: false, latest: expect.anything() });
    const cms = s.nodes.find((n) => n.role === "CMS")!;
    expect(cms.sources.find((x) => x.source === "cms.turn-servers")!.latest).toMatchObject({ content: { turnServers: [{ type: "expressway" }, { type: "expressway" }] } });
  });

  it("answers a fault on one node as its typed outcome while the others stay ok", async () => {
    await f.lab.setFault("http-401", "cms1");
    try {
      const polled = await poll();
      for (const n of polled.nodes) {
        const expected = n.name === "cms1.example.local" ? "auth" : "ok";
        for (const o of n.outcomes) expect(o, `${n.name} ${o.source}`).toMatchObject({ outcome: expected });
      }
      const cms = (await status()).nodes.find((n) => n.role === "CMS")!;
      for (const x of cms.sources) expect(x.lastRun).toMatchObject({ outcome: "auth", message: expect.stringMatching(/HTTP 401/) });
    } finally {
      await f.lab.clearFaults();
    }
  });
});
