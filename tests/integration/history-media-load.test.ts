import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { pollOk } from "../support/collected";
import type { LabFixture } from "../support/lab-fixture";
import { startLabApp, type LabApp } from "../support/lab-app";

// The CMS media load chart (R3): the lab's Call Bridge polled into a real SQLite database (its
// rollups written by the poller's own cycle writer), then read through the History endpoint of
// the production build, with the loadLimit the cluster configuration gives as reference lines.
let labApp: LabApp;
let f: LabFixture;
let app: LabApp["app"];
let cookie: string;
let from: number;

beforeAll(async () => {
  // The production build with its poller off: only the polls below write history.
  labApp = await startLabApp({ role: "viewer", browser: false, env: { EDGESCOPE_POLLER: "off" } });
  ({ f, app, cookie } = labApp);
  from = Date.now() - 3_600_000;
  await pollOk(f, ["cms1"]); // normal load: 120 of loadLimit 1000
  await f.lab.setFault("cms-load-high", "cms1");
  await pollOk(f, ["cms1"]); // 900 of 1000
});
afterAll(async () => {
  await labApp?.stop();
});

const values = (h: HistoryResponse, key: string) =>
  h.points.map((p) => p[key]).filter((v): v is number => typeof v === "number");

describe("media load history", () => {
  it("answers GET /history/media-load with the polled load per Call Bridge and its limits", async () => {
    const to = Date.now() + 1000;
    const res = await fetch(`${app.url}/api/deployments/${f.deploymentId}/history/media-load?from=${from}&to=${to}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const h = (await res.json()) as HistoryResponse;
    const cms = await f.nodeId("cms1");
    expect(h.series).toBe("media-load");
    // Kept in rollups only: an hour reads the 1-minute tier.
    expect(h.bucketMs).toBe(60_000);
    expect(h.lines).toEqual([
      { key: `${cms}__peak`, label: "cms1.example.local peak", kind: "peak" },
      { key: `${cms}__avg`, label: "cms1.example.local average", kind: "avg" },
    ]);
    // Both polls are there: in one minute (peak 900, average 510) or in two.
    expect(Math.max(...values(h, `${cms}__peak`))).toBe(900);
    const avgs = values(h, `${cms}__avg`);
    expect(avgs.length).toBeGreaterThan(0);
    expect(avgs.every((v) => [120, 510, 900].includes(v))).toBe(true);
    expect(h.references).toEqual([
      { label: "loadLimit 1000 (cms1.example.local)", value: 1000 },
      { label: "incoming calls rejected from 800 (cms1.example.local)", value: 800 },
    ]);
    // The same as the library answer (the route only validates, authorises and calls it).
    const direct = await getSeriesHistory(f.t.db, "media-load", f.deploymentId, new Date(from), new Date(to));
    expect(h.points).toEqual(direct.points);
  });

  it("answers 404 for an unknown deployment, in the one error shape", async () => {
    const id = "c".repeat(25);
    const res = await fetch(`${app.url}/api/deployments/${id}/history/media-load`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: `Deployment ${id} was not found` } });
  });

  it("has no reference line for a Call Bridge without a loadLimit", async () => {
    // The configuration's loadLimit is gone (Cisco's example leaves it empty): the snapshot says so.
    const cms = await f.nodeId("cms1");
    const snap = await f.t.db.snapshot.findFirstOrThrow({
      where: { nodeId: cms, source: "cms.load" },
      orderBy: { id: "desc" },
    });
    await f.t.db.snapshot.update({
      where: { id: snap.id },
      data: { content: JSON.stringify({ ...JSON.parse(snap.content), loadLimit: null }) },
    });
    const h = await getSeriesHistory(f.t.db, "media-load", f.deploymentId, new Date(from), new Date());
    expect(h.references).toEqual([]);
    expect(h.lines.length).toBe(2);
  });
});
