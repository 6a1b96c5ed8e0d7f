import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentStatus, PollNowResponse } from "@/lib/domain/api-types";
import type { AppServer } from "../support/app-server";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

// POST /poll and GET /status through the production build (`next start`), against the lab.
let f: LabFixture;
let app: AppServer;
let cookie: string;
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({ role: "engineer", env: { EDGESCOPE_POLLER: "off" }, browser: false });
  ({ f, app, cookie } = labApp);
});
afterAll(() => labApp?.stop());

const poll = async () =>
  (
    await fetch(`${app.url}/api/deployments/${f.deploymentId}/poll`, { method: "POST", headers: { cookie } })
  ).json() as Promise<PollNowResponse>;
const status = async () =>
  (
    await fetch(`${app.url}/api/deployments/${f.deploymentId}/status`, { headers: { cookie } })
  ).json() as Promise<DeploymentStatus>;

describe("poll and status API", () => {
  it("POST /poll answers an ok outcome per node and source; GET /status shows each with data and age", async () => {
    const polled = await poll();
    expect(polled.nodes).toHaveLength(4);
    const outcomes = polled.nodes.flatMap((n) => n.outcomes);
    expect(outcomes).toHaveLength(22); // 6 + 4 + 4 Expressway sources (with call licences), 8 CMS (with load, licensing, database)
    for (const o of outcomes) expect(o, `${o.source}: ${o.message}`).toMatchObject({ outcome: "ok", message: null });

    const s = await status();
    const sources = s.nodes.flatMap((n) => n.sources.map((x) => ({ node: n.name, ...x })));
    expect(sources.map((x) => `${x.node} ${x.source}`).sort()).toEqual(
      polled.nodes.flatMap((n) => n.outcomes.map((o) => `${n.name} ${o.source}`)).sort(),
    );
    for (const x of sources)
      expect(x, `${x.node} ${x.source}`).toMatchObject({
        lastRun: { outcome: "ok" },
        ageMs: expect.any(Number),
        stale: false,
        latest: expect.anything(),
      });
    const cms = s.nodes.find((n) => n.role === "CMS")!;
    expect(cms.sources.find((x) => x.source === "cms.turn-servers")!.latest).toMatchObject({
      content: { turnServers: [{ type: "expressway" }, { type: "expressway" }] },
    });
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
      for (const x of cms.sources)
        expect(x.lastRun).toMatchObject({ outcome: "auth", message: expect.stringMatching(/HTTP 401/) });
    } finally {
      await f.lab.clearFaults();
    }
  });
});
