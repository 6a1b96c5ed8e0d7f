import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { applyRollups } from "../support/rollups";
import { createTestDb, type TestDb } from "../support/test-db";

// The turnServer RTT and allocation series (V4) that the History page and the deployment page's
// sparklines read: per CMS and TURN host, from samples stored the way the poller stores them.
let t: TestDb;
let deploymentId: string;
let cms: string;
const NOW = new Date(Date.UTC(2026, 10, 24, 10, 0, 30)); // 30 s into a minute
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestDb();
  const node = (deploymentId: string, name: string) =>
    t.db.node.create({
      data: { deploymentId, role: "CMS", name, baseUrl: "https://192.0.2.20", username: "u", passwordEnc: "x" },
    });
  const d = await t.db.deployment.create({
    data: { name: "D", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  const other = await t.db.deployment.create({
    data: { name: "Other", joinUrl: "wb.example.org", callBridgeDomain: "example.org" },
  });
  deploymentId = d.id;
  cms = (await node(d.id, "cms")).id;
  const foreign = (await node(other.id, "cms-other")).id;
  const rows = [
    // This minute: two polls of 10.0.0.36, average 3, peak 4.
    { nodeId: cms, host: "10.0.0.36", msAgo: 10_000, rttMs: 2, allocations: 3 },
    { nodeId: cms, host: "10.0.0.36", msAgo: 20_000, rttMs: 4, allocations: 5 },
    // 10.0.0.37: no answer 5 minutes ago (null RTT: a gap, not 0), then 7.25 ms a minute ago.
    { nodeId: cms, host: "10.0.0.37", msAgo: 5 * 60_000, rttMs: null, allocations: 0 },
    { nodeId: cms, host: "10.0.0.37", msAgo: 60_000, rttMs: 7.25, allocations: 1 },
    // Older than the hour, and another deployment's Meeting Server: left out.
    { nodeId: cms, host: "10.0.0.36", msAgo: 61 * 60_000, rttMs: 99, allocations: 99 },
    { nodeId: foreign, host: "10.9.9.9", msAgo: 10_000, rttMs: 1, allocations: 1 },
  ];
  for (const r of rows) {
    const ts = new Date(NOW.getTime() - r.msAgo);
    await t.db.turnServerSample.create({
      data: {
        nodeId: r.nodeId,
        turnServerId: `ts-${r.host}`,
        hostAddress: r.host,
        ts,
        rttMs: r.rttMs,
        allocations: r.allocations,
      },
    });
    // As the collector does: a null RTT adds nothing to the rollups.
    await applyRollups(t.db, r.nodeId, ts, [
      ...(r.rttMs === null ? [] : [{ series: `rtt:${r.host}`, value: r.rttMs }]),
      { series: `alloc:${r.host}`, value: r.allocations },
    ]);
  }
});
afterAll(() => t?.cleanup());

const hour = (series: "rtt" | "allocations") =>
  getSeriesHistory(t.db, series, deploymentId, new Date(NOW.getTime() - HOUR), NOW, NOW);

describe("turnServer RTT history", () => {
  it("gives an hour per minute (a point per poll interval, never mostly empty buckets), peak and average per host", async () => {
    const r = await hour("rtt");
    expect(r.bucketMs).toBe(60_000);
    expect(r.points.length).toBeLessThanOrEqual(61);
    expect(r.lines.map((l) => l.label)).toEqual([
      "cms → 10.0.0.36 peak",
      "cms → 10.0.0.36 average",
      "cms → 10.0.0.37 peak",
      "cms → 10.0.0.37 average",
    ]);
    const last = r.points.at(-1)!;
    expect(last.t).toBe(Math.floor(NOW.getTime() / 60_000) * 60_000);
    expect(last[`${cms}:10.0.0.36__avg`]).toBe(3);
    expect(last[`${cms}:10.0.0.36__peak`]).toBe(4);
  });

  it("leaves minutes without an RTT as gaps, rounds averages to 0.1 ms, and keeps other deployments and older samples out", async () => {
    const r = await hour("rtt");
    const with37 = r.points.filter((p) => p[`${cms}:10.0.0.37__avg`] !== null);
    expect(with37.map((p) => [p.t, p[`${cms}:10.0.0.37__avg`], p[`${cms}:10.0.0.37__peak`]])).toEqual([
      [Math.floor(NOW.getTime() / 60_000) * 60_000 - 60_000, 7.3, 7.25],
    ]);
    expect(r.points.some((p) => p[`${cms}:10.0.0.36__peak`] === 99)).toBe(false);
    expect(r.lines.some((l) => l.key.includes("10.9.9.9"))).toBe(false);
  });

  it("answers allocations per host the same way", async () => {
    const r = await hour("allocations");
    expect(r.bucketMs).toBe(60_000);
    expect(r.lines.map((l) => l.key)).toEqual([
      `${cms}:10.0.0.36__peak`,
      `${cms}:10.0.0.36__avg`,
      `${cms}:10.0.0.37__peak`,
      `${cms}:10.0.0.37__avg`,
    ]);
    expect(r.points.at(-1)![`${cms}:10.0.0.36__peak`]).toBe(5);
  });

  it("has no lines for a deployment whose Meeting Server reported no RTT", async () => {
    const empty = await t.db.deployment.create({
      data: { name: "E", joinUrl: "e.example.com", callBridgeDomain: "example.com" },
    });
    const r = await getSeriesHistory(t.db, "rtt", empty.id, new Date(NOW.getTime() - HOUR), NOW, NOW);
    expect(r.lines).toEqual([]);
    expect(r.points.every((p) => Object.keys(p).length === 1)).toBe(true);
  });
});
