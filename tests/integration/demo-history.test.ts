import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/domain/rollup-tiers";
import { demoMarkerKey } from "@/lib/domain/demo-history";
import { seedDemoHistory } from "@/lib/server/demo/seed-history";
import { getCheckTimeline } from "@/lib/server/history/check-timeline";
import { getDailyPeaks } from "@/lib/server/history/daily-peaks";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { createTestDb, type TestDb } from "../support/test-db";

// npm run demo's history: 90 days through the poller's write path, marked, written once.
const NOW = Date.UTC(2026, 10, 25, 10, 7);
let t: TestDb;
let deploymentId: string;
let firstMs = 0;

beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "Lab", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
  });
  deploymentId = d.id;
  for (const [name, role, privateAddress] of [
    ["vcs-c.example.local", "EXPRESSWAY_C", null],
    ["vcs-e1.example.local", "EXPRESSWAY_E", "192.0.2.11"],
    ["vcs-e2.example.local", "EXPRESSWAY_E", "192.0.2.12"],
    ["cms1.example.local", "CMS", null],
  ] as const) {
    await t.db.node.create({
      data: { deploymentId, role, name, privateAddress, baseUrl: "https://192.0.2.1", username: "u", passwordEnc: "x" },
    });
  }
  const r = await seedDemoHistory(t.db, deploymentId, NOW);
  expect(r.seeded).toBe(true);
  firstMs = r.ms;
  console.log(`demo history seeded in ${(r.ms / 1000).toFixed(1)} s`);
}, 300_000);
afterAll(() => t?.cleanup());

describe("demo history", () => {
  it.each([
    ["1 h", 3_600_000],
    ["24 h", DAY_MS],
    ["7 d", 7 * DAY_MS],
    ["30 d", 30 * DAY_MS],
    ["90 d", 90 * DAY_MS],
    ["1 y", 365 * DAY_MS],
  ])("fills the %s relay chart", async (_n, range) => {
    const h = await getSeriesHistory(
      t.db,
      "relay-usage",
      deploymentId,
      new Date(NOW - range),
      new Date(NOW),
      new Date(NOW),
    );
    const withData = h.points.filter((p) => h.lines.some((l) => p[l.key] !== null));
    // Every bucket inside the seeded 90 days has a point (1 y: the last 90 of 365 days).
    const expected = Math.min(range, 90 * DAY_MS) / h.bucketMs;
    expect(withData.length).toBeGreaterThanOrEqual(Math.floor(expected * 0.97));
    const peaks = h.points.map((p) => p[`${h.lines[0]!.key}`]).filter((v): v is number => v !== null);
    expect(Math.max(...peaks)).toBeGreaterThan(20); // a working-day curve, not zeros
  });

  it("fills the turnServer RTT chart over 30 days", async () => {
    const h = await getSeriesHistory(
      t.db,
      "rtt",
      deploymentId,
      new Date(NOW - 30 * DAY_MS),
      new Date(NOW),
      new Date(NOW),
    );
    expect(h.lines.length).toBe(4); // peak and average to each of the two Expressway-E
    expect(h.points.filter((p) => p[h.lines[0]!.key] !== null).length).toBeGreaterThan(700);
  });

  it("fills the media load chart per Call Bridge over 7 days, with a working-day curve", async () => {
    const h = await getSeriesHistory(
      t.db,
      "media-load",
      deploymentId,
      new Date(NOW - 7 * DAY_MS),
      new Date(NOW),
      new Date(NOW),
    );
    expect(h.lines.map((l) => l.label)).toEqual(["cms1.example.local peak", "cms1.example.local average"]);
    const peaks = h.points.map((p) => p[h.lines[0]!.key]).filter((v): v is number => v !== null);
    expect(peaks.length).toBeGreaterThanOrEqual(Math.floor((7 * DAY_MS) / h.bucketMs) * 0.97);
    expect(Math.max(...peaks)).toBeGreaterThan(100); // busy hours
    expect(Math.min(...peaks)).toBeLessThan(20); // nights
  });

  it.each([
    ["calls-traversal", 25],
    ["calls-nontraversal", 3],
  ] as const)("fills the %s chart per Expressway, C and E, over 7 days", async (series, busy) => {
    const h = await getSeriesHistory(
      t.db,
      series,
      deploymentId,
      new Date(NOW - 7 * DAY_MS),
      new Date(NOW),
      new Date(NOW),
    );
    const peakLines = h.lines.filter((l) => l.label.endsWith(" peak"));
    expect(peakLines.map((l) => l.label)).toEqual([
      "vcs-c.example.local peak",
      "vcs-e1.example.local peak",
      "vcs-e2.example.local peak",
    ]);
    for (const l of peakLines) {
      const peaks = h.points.map((p) => p[l.key]).filter((v): v is number => v !== null);
      expect(peaks.length).toBeGreaterThanOrEqual(Math.floor((7 * DAY_MS) / h.bucketMs) * 0.97);
      expect(Math.max(...peaks)).toBeGreaterThan(busy); // busy hours
      expect(Math.min(...peaks)).toBeLessThanOrEqual(1); // nights
    }
  });

  it("gives a daily peak and 95th percentile per node, and says the history is demo data", async () => {
    const d = await getDailyPeaks(t.db, deploymentId, new Date(NOW - 30 * DAY_MS), new Date(NOW), new Date(NOW));
    // 30 d reaches back past the 5-minute tier's 30 days at its first UTC midnight: 15-minute buckets; 7 d: 5-minute.
    expect(d.bucketMs).toBe(15 * 60_000);
    expect(
      (await getDailyPeaks(t.db, deploymentId, new Date(NOW - 7 * DAY_MS), new Date(NOW), new Date(NOW))).bucketMs,
    ).toBe(5 * 60_000);
    expect(d.nodes.map((n) => n.name)).toEqual(["vcs-e1.example.local", "vcs-e2.example.local"]);
    for (const n of d.nodes) {
      expect(n.days.length).toBeGreaterThanOrEqual(30);
      for (const day of n.days) expect(day.peak).toBeGreaterThanOrEqual(day.p95);
    }
    expect(d.demo?.to).toBe(new Date(NOW).toISOString());
    const y = await getDailyPeaks(t.db, deploymentId, new Date(NOW - 365 * DAY_MS), new Date(NOW), new Date(NOW));
    expect(y.nodes[0]!.days.length).toBeGreaterThanOrEqual(90);
  });

  it("shows the made-up incidents on the checks timeline", async () => {
    const c = await getCheckTimeline(t.db, deploymentId, new Date(NOW - 90 * DAY_MS), new Date(NOW));
    const v3 = c.checks.find((x) => x.checkId === "v3-tunnels")!;
    expect(v3.segments.map((s) => s.status)).toEqual(["pass", "fail", "pass"]);
    expect(v3.passRatio).toBeLessThan(1);
  });

  it("writes nothing again at a restart", async () => {
    const count = () => Promise.all([t.db.turnRelaySample.count(), t.db.rollupDay.count(), t.db.checkState.count()]);
    const before = await count();
    const again = await seedDemoHistory(t.db, deploymentId, NOW + 3_600_000);
    expect(again.seeded).toBe(false);
    expect(again.marker?.to).toBe(new Date(NOW).toISOString());
    expect(await count()).toEqual(before);
    expect(await t.db.setting.findUnique({ where: { key: demoMarkerKey(deploymentId) } })).not.toBeNull();
    expect(firstMs).toBeGreaterThan(0);
  });

  it("backfills check states before the ones the app recorded already, and leaves those the latest", async () => {
    const d = await t.db.deployment.create({
      data: { name: "Lab 2", joinUrl: "join2.example.com", callBridgeDomain: "example.com" },
    });
    await t.db.node.create({
      data: {
        deploymentId: d.id,
        role: "EXPRESSWAY_E",
        name: "vcs-e1.example.local",
        privateAddress: "192.0.2.11",
        baseUrl: "https://192.0.2.1",
        username: "u",
        passwordEnc: "x",
      },
    });
    const recorded = new Date(NOW - 60_000);
    await t.db.checkState.create({
      data: { deploymentId: d.id, checkId: "v3-tunnels", status: "fail", summary: "real", at: recorded },
    });
    expect((await seedDemoHistory(t.db, d.id, NOW)).seeded).toBe(true);
    const v3 = await t.db.checkState.findMany({
      where: { deploymentId: d.id, checkId: "v3-tunnels" },
      orderBy: { at: "asc" },
    });
    expect(v3.map((r) => r.status)).toEqual(["pass", "fail", "pass", "fail"]);
    expect(v3.at(-1)).toMatchObject({ summary: "real", at: recorded });
    const r1 = await t.db.checkState.findMany({ where: { deploymentId: d.id, checkId: "r1-versions" } });
    expect(r1.map((r) => r.status)).toEqual(["pass"]);
  });
});
