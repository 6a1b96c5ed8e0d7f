import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketFor } from "@/lib/domain/charts";
import { DAY_MS, HOUR_MS } from "@/lib/domain/rollup-tiers";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { applyRollups } from "../support/rollups";
import { TIER_TABLES } from "@/lib/server/rollups/rollup-sql";
import { startLabFixture } from "../support/lab-fixture";
import { testingOnPostgres } from "../support/postgres";
import { createTestDb, type TestDb } from "../support/test-db";

// Rollups must answer exactly what raw samples would, and long ranges must not need raw samples.
const NOW = Date.UTC(2026, 10, 25); // a UTC midnight: every range below starts on a bucket edge
const STEP = 30_000;
let t: TestDb;
let deploymentId: string;
const samples: { nodeId: string; ts: number; current: number }[] = [];

/** Deterministic noise (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the raw samples give per bucket: the reference the rollup answer is held to. */
function expectedFromRaw(nodeIds: string[], fromMs: number, toMs: number, bucketMs: number) {
  const acc = new Map<string, { sum: number; count: number; max: number }>();
  for (const s of samples) {
    if (s.ts < fromMs || s.ts >= toMs) continue;
    const k = `${s.nodeId} ${Math.floor(s.ts / bucketMs) * bucketMs}`;
    const a = acc.get(k) ?? { sum: 0, count: 0, max: -Infinity };
    acc.set(k, { sum: a.sum + s.current, count: a.count + 1, max: Math.max(a.max, s.current) });
  }
  const points = [];
  for (let b = fromMs; b < toMs; b += bucketMs) {
    const p: Record<string, number | null> = { t: b };
    for (const id of nodeIds) {
      const a = acc.get(`${id} ${b}`);
      p[`${id}__peak`] = a ? a.max : null;
      p[`${id}__avg`] = a ? Math.round((a.sum / a.count) * 10) / 10 : null;
    }
    points.push(p);
  }
  return points;
}

beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "R", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  deploymentId = d.id;
  const r = rng(7);
  for (const name of ["e1", "e2"]) {
    const { id } = await t.db.node.create({
      data: { deploymentId, role: "EXPRESSWAY_E", name, baseUrl: "https://192.0.2.1", username: "u", passwordEnc: "x" },
    });
    // Two recent days at 30 s, plus a few polls 40, 200 and 300 days back.
    const times = Array.from(
      { length: (2 * DAY_MS) / STEP },
      (_, i) => NOW - 2 * DAY_MS + i * STEP + Math.floor(r() * 1000),
    );
    times.unshift(NOW - 300 * DAY_MS + 5000, NOW - 200 * DAY_MS + 7000, NOW - 200 * DAY_MS + 9000, NOW - 40 * DAY_MS);
    for (const ts of times) samples.push({ nodeId: id, ts, current: Math.floor(r() * 500) });
  }
  await t.db.turnRelaySample.createMany({
    data: samples.map((s) => ({ nodeId: s.nodeId, ts: new Date(s.ts), current: s.current, peak: 0, total: 0 })),
  });
  await t.db.$transaction(
    async (tx) => {
      for (const s of samples)
        await applyRollups(t.db, s.nodeId, new Date(s.ts), [{ series: "relay", value: s.current }], tx);
    },
    { timeout: 100_000 },
  ); // ~70 000 upserts (one per tier per sample): one round trip each on PostgreSQL
}, 120_000);
afterAll(() => t?.cleanup());

const RANGES = {
  "1 y": 365 * DAY_MS,
  "90 d": 90 * DAY_MS,
  "30 d": 30 * DAY_MS,
  "7 d": 7 * DAY_MS,
  "24 h": DAY_MS,
  "1 h": HOUR_MS,
};

describe("rollups", () => {
  it.each(Object.entries(RANGES))("answer a %s range exactly as raw aggregation does", async (_, range) => {
    const nodeIds = [...new Set(samples.map((s) => s.nodeId))];
    const h = await getSeriesHistory(
      t.db,
      "relay-usage",
      deploymentId,
      new Date(NOW - range),
      new Date(NOW),
      new Date(NOW),
    );
    expect(h.bucketMs).toBe(bucketFor(range));
    expect(h.points).toEqual(expectedFromRaw(nodeIds, NOW - range, NOW, h.bucketMs));
  });

  it("keep min, max, sum and count per tier equal to the raw samples they cover", async () => {
    // Through Prisma's aggregate API, so the same assertion runs on SQLite and PostgreSQL.
    const range = { gte: new Date(NOW - DAY_MS), lt: new Date(NOW) };
    const a = await t.db.turnRelaySample.aggregate({
      where: { ts: range },
      _count: { _all: true },
      _sum: { current: true },
      _min: { current: true },
      _max: { current: true },
    });
    const raw = { n: a._count._all, s: a._sum.current, lo: a._min.current, hi: a._max.current };
    const tiers = {
      rollup_minute: t.db.rollupMinute,
      rollup_minute_5: t.db.rollupMinute5,
      rollup_minute_15: t.db.rollupMinute15,
      rollup_hour: t.db.rollupHour,
      rollup_hour_6: t.db.rollupHour6,
      rollup_day: t.db.rollupDay,
    } as const;
    expect(Object.keys(tiers).sort()).toEqual(Object.values(TIER_TABLES).sort());
    for (const [table, model] of Object.entries(tiers)) {
      const g = await (model as typeof t.db.rollupMinute).aggregate({
        where: { bucket: range },
        _sum: { count: true, sum: true },
        _min: { min: true },
        _max: { max: true },
      });
      const r = { n: g._sum.count, s: g._sum.sum, lo: g._min.min, hi: g._max.max };
      const num = (o: object | undefined) =>
        Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, Number(v)]));
      expect({ table, ...num(r) }).toEqual({ table, ...num(raw) });
    }
  });

  it("answer 1-year, 90-day and 30-day ranges without any raw sample", async () => {
    const ask = (range: number) =>
      getSeriesHistory(t.db, "relay-usage", deploymentId, new Date(NOW - range), new Date(NOW), new Date(NOW));
    const before = await Promise.all([RANGES["1 y"], RANGES["90 d"], RANGES["30 d"], RANGES["7 d"]].map(ask));
    await t.db.turnRelaySample.deleteMany({});
    const after = await Promise.all([RANGES["1 y"], RANGES["90 d"], RANGES["30 d"], RANGES["7 d"]].map(ask));
    expect(after).toEqual(before);
    expect(
      before[0]!.points.filter((p) => Object.values(p).some((v, i) => i > 0 && v !== null)).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("are trimmed per tier and removed with their node", async () => {
    const { runRetention } = await import("@/lib/server/db/retention");
    const { getSettings } = await import("@/lib/server/settings/settings-store");
    const deleted = await runRetention(t.db, await getSettings(t.db), new Date(NOW));
    // Per node: 1- and 5-minute rollups 40+ days back go (14 and 30 days kept: 3 buckets, two
    // polls 200 days back share one), 15-minute ones 200+ days back (90 days kept); hourly, 6-hour
    // and daily ones of 300 days back stay.
    expect(deleted).toMatchObject({
      rollup_minute: 6,
      rollup_minute_5: 6,
      rollup_minute_15: 4,
      rollup_hour: 0,
      rollup_hour_6: 0,
      rollup_day: 0,
    });
    expect(await t.db.rollupHour.count({ where: { bucket: { lt: new Date(NOW - 250 * DAY_MS) } } })).toBe(2);
    await t.db.node.deleteMany({ where: { name: "e1" } });
    expect(await t.db.rollupDay.count()).toBeGreaterThan(0);
    expect(await t.db.rollupDay.count({ where: { node: { name: "e1" } } })).toBe(0);
  });
});

describe("the rollup_tiers migration", () => {
  it("backfills the 5-minute, 15-minute and 6-hour tiers from the 1-minute and hourly rows already kept", async () => {
    const dir = testingOnPostgres() ? "prisma/postgres/migrations" : "prisma/migrations";
    const name = fs.readdirSync(dir).find((d) => d.endsWith("_rollup_tiers"))!;
    // The statements after the "-- Backfill" comment, without comment lines.
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const backfill = sql
      .slice(sql.indexOf("-- Backfill"))
      .split("\n")
      .filter((l) => !l.startsWith("--"))
      .join("\n");
    const db = await createTestDb();
    try {
      const { id: nodeId } = await db.db.node.create({
        data: {
          deployment: { create: { name: "M", joinUrl: "j.example.com", callBridgeDomain: "example.com" } },
          role: "EXPRESSWAY_E",
          name: "e",
          baseUrl: "https://192.0.2.1",
          username: "u",
          passwordEnc: "x",
        },
      });
      // Minutes 10:03, 10:04 and 10:07, and hours 05:00, 06:00 and 11:00 of one UTC day.
      const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 20, h, m));
      const row = (bucket: Date, count: number, sum: number, min: number, max: number) => ({
        nodeId,
        series: "relay",
        bucket,
        count,
        sum,
        min,
        max,
      });
      await db.db.rollupMinute.createMany({
        data: [row(at(10, 3), 6, 60, 8, 12), row(at(10, 4), 6, 30, 1, 9), row(at(10, 7), 6, 6, 1, 1)],
      });
      await db.db.rollupHour.createMany({
        data: [row(at(5), 360, 100, 0, 7), row(at(6), 360, 200, 0, 9), row(at(11), 360, 50, 0, 3)],
      });
      for (const statement of backfill.split(";").filter((x) => x.includes("INSERT")))
        await db.db.$executeRawUnsafe(statement);
      const q = {
        select: { bucket: true, count: true, sum: true, min: true, max: true },
        orderBy: { bucket: "asc" },
      } as const;
      const r = (bucket: Date, count: number, sum: number, min: number, max: number) => ({
        bucket,
        count,
        sum,
        min,
        max,
      });
      expect(await db.db.rollupMinute5.findMany(q)).toEqual([r(at(10), 12, 90, 1, 12), r(at(10, 5), 6, 6, 1, 1)]);
      expect(await db.db.rollupMinute15.findMany(q)).toEqual([r(at(10), 18, 96, 1, 12)]);
      expect(await db.db.rollupHour6.findMany(q)).toEqual([r(at(0), 360, 100, 0, 7), r(at(6), 720, 250, 0, 9)]);
    } finally {
      await db.cleanup();
    }
  });
});

describe("rollups through the poller", () => {
  it("a poll cycle folds relay counts, CMS RTT/allocations per host and CMS media load into every tier", async () => {
    const f = await startLabFixture();
    try {
      const ids = (await f.t.db.node.findMany({ select: { id: true } })).map((n) => n.id);
      await f.poller.pollNow(ids);
      await f.poller.pollNow(ids);
      const series = await f.t.db.rollupHour.findMany({
        select: { series: true, count: true },
        orderBy: { series: "asc" },
      });
      // Each of the three Expressways adds its call licence usage (traversal and non-traversal).
      expect(series.map((s) => s.series)).toEqual([
        "alloc:10.0.0.36",
        "alloc:10.0.0.37",
        ...Array(3).fill("calls-nontraversal"),
        ...Array(3).fill("calls-traversal"),
        "load",
        "relay",
        "relay",
        "rtt:10.0.0.36",
        "rtt:10.0.0.37",
      ]);
      expect(series.every((s) => s.count === 2)).toBe(true);
      const rtt = await getSeriesHistory(f.t.db, "rtt", f.deploymentId, new Date(Date.now() - 3 * DAY_MS), new Date());
      expect(rtt.lines.map((l) => l.label)).toEqual([
        "cms1.example.local → 10.0.0.36 peak",
        "cms1.example.local → 10.0.0.36 average",
        "cms1.example.local → 10.0.0.37 peak",
        "cms1.example.local → 10.0.0.37 average",
      ]);
      expect(rtt.points.some((p) => typeof p[rtt.lines[0]!.key] === "number")).toBe(true);
      const [minute, raw] = await Promise.all([
        f.t.db.rollupMinute.aggregate({ _sum: { count: true } }),
        f.t.db.turnRelaySample.count(),
      ]);
      expect(raw).toBe(4);
      // 4 relay polls + 2 hosts × (rtt + alloc) × 2 polls + 2 media-load polls (the capacity forecast's series)
      // + 3 Expressways × 2 call licence kinds × 2 polls
      expect(minute._sum.count).toBe(raw + 8 + 2 + 12);
    } finally {
      await f.stop();
    }
  });
});
