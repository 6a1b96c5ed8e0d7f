import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCheckTimeline } from "@/lib/server/history/check-timeline";
import { getDailyPeaks } from "@/lib/server/history/daily-peaks";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { applyRollups } from "../support/rollups";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let e1: string;
let e2: string;
const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "D", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  const node = (name: string) =>
    t.db.node.create({
      data: {
        deploymentId: d.id,
        role: "EXPRESSWAY_E",
        name,
        baseUrl: "https://192.0.2.10",
        username: "u",
        passwordEnc: "x",
      },
    });
  e1 = (await node("e1")).id;
  e2 = (await node("e2")).id;
  await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "CMS",
      name: "cms",
      baseUrl: "https://192.0.2.20",
      username: "u",
      passwordEnc: "x",
    },
  });
  // e1: 3 samples in the first 10 s bucket and one in the third; e2: one sample in the second.
  const rows = [
    [e1, 0, 4],
    [e1, 3_000, 9],
    [e1, 9_999, 2],
    [e1, 25_000, 7],
    [e2, 12_000, 5],
  ] as const;
  for (const [nodeId, dt, current] of rows) {
    await t.db.turnRelaySample.create({
      data: { nodeId, ts: new Date(T0 + dt), current, peak: current, total: current },
    });
    await applyRollups(t.db, nodeId, new Date(T0 + dt), [{ series: "relay", value: current }]);
  }
});
afterAll(() => t?.cleanup());

describe("relay usage history", () => {
  it("gives the peak and average count per bucket per Expressway-E node and null where nothing was polled", async () => {
    const h = await getSeriesHistory(
      t.db,
      "relay-usage",
      (await t.db.deployment.findFirstOrThrow()).id,
      new Date(T0),
      new Date(T0 + 40_000),
    );
    expect(h.bucketMs).toBe(10_000);
    expect(h.lines.map((l) => l.label)).toEqual(["e1 peak", "e1 average", "e2 peak", "e2 average"]);
    const [p1, a1, p2, a2] = [`${e1}__peak`, `${e1}__avg`, `${e2}__peak`, `${e2}__avg`];
    expect(h.points).toEqual([
      { t: T0, [p1]: 9, [a1]: 5, [p2]: null, [a2]: null },
      { t: T0 + 10_000, [p1]: null, [a1]: null, [p2]: 5, [a2]: 5 },
      { t: T0 + 20_000, [p1]: 7, [a1]: 7, [p2]: null, [a2]: null },
      { t: T0 + 30_000, [p1]: null, [a1]: null, [p2]: null, [a2]: null },
    ]);
  });

  it("keeps a year within the point budget (read from the daily rollups)", async () => {
    const h = await getSeriesHistory(
      t.db,
      "relay-usage",
      (await t.db.deployment.findFirstOrThrow()).id,
      new Date(T0 + 40_000 - 365 * 86_400_000),
      new Date(T0 + 40_000),
    );
    expect(h.points.length).toBeLessThanOrEqual(1000);
    expect(h.points.find((p) => p[`${e1}__peak`] !== null)?.[`${e1}__peak`]).toBe(9);
  });
});

describe("an unknown deployment", () => {
  it("is a 404 from each history reader, so the route needs no lookup of its own", async () => {
    const [from, to] = [new Date(T0), new Date(T0 + 40_000)];
    const notFound = { status: 404, message: "Deployment nope was not found" };
    await expect(getSeriesHistory(t.db, "relay-usage", "nope", from, to)).rejects.toMatchObject(notFound);
    await expect(getDailyPeaks(t.db, "nope", from, to)).rejects.toMatchObject(notFound);
    await expect(getCheckTimeline(t.db, "nope", from, to)).rejects.toMatchObject(notFound);
  });
});
