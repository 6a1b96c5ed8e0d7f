import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/rollup-tiers";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { getSeriesHistory } from "@/lib/server/history/series-history";
import { TIER_TABLES } from "@/lib/server/rollups/rollup-sql";
import { benchDb, relaysAt } from "./bench-db";
import type { BenchRow } from "./bench-types";

const NODES = 50;
const GOAL_P95_MS = 50;
const RUNS = 20;
const NOW = Date.UTC(2026, 10, 25, 12);
const RANGES: Record<string, number> = { "1y": 365 * DAY_MS, "90d": 90 * DAY_MS, "30d": 30 * DAY_MS, "7d": 7 * DAY_MS, "24h": DAY_MS, "1h": HOUR_MS };
const COLS = ["node_id", "series", "bucket", "count", "sum", "min", "max"];

/** Seeds `table` with one row per node per `widthMs` over [from, NOW), time-major like the poller writes. */
async function seedTier(db: Awaited<ReturnType<typeof benchDb>>["db"], table: string, nodeIds: string[], widthMs: number, fromMs: number): Promise<number> {
  const perBucket = widthMs / 10_000;
  let rows: unknown[][] = [];
  let n = 0;
  for (let b = Math.floor(fromMs / widthMs) * widthMs; b < NOW; b += widthMs) {
    nodeIds.forEach((id, i) => {
      const v = relaysAt(b, i);
      rows.push([id, "relay", b, perBucket, v * perBucket, Math.max(0, v - 20), v + 20]);
    });
    if (rows.length >= 20_000) (n += await db.$transaction((tx) => insertRows(db, table, COLS, rows, tx))), (rows = []);
  }
  return n + (rows.length ? await db.$transaction((tx) => insertRows(db, table, COLS, rows, tx)) : 0);
}

/**
 * P3: the history API (in process: query + JSON, no HTTP) over a year of 50 nodes at 10 s. A year
 * of raw samples (157 M rows) is never read, so it is not seeded: the rollup tiers are seeded for
 * their default retention (1-minute 14 d, hourly and daily the whole year) and raw samples for the
 * last day only, which is all the <1-minute buckets (ranges ≤ ~16 h) ever read.
 */
export async function benchHistory(): Promise<BenchRow> {
  const b = await benchDb(NODES);
  try {
    const seeded = {
      day: await seedTier(b.db, TIER_TABLES["1d"], b.nodeIds, DAY_MS, NOW - 366 * DAY_MS),
      hour: await seedTier(b.db, TIER_TABLES["1h"], b.nodeIds, HOUR_MS, NOW - 366 * DAY_MS),
      minute: await seedTier(b.db, TIER_TABLES["1m"], b.nodeIds, MINUTE_MS, NOW - 14 * DAY_MS),
      raw: 0,
    };
    let raw: unknown[][] = [];
    for (let t = NOW - DAY_MS; t < NOW; t += 10_000) {
      b.nodeIds.forEach((id, i) => raw.push([id, t, relaysAt(t, i), 0, 0]));
      if (raw.length >= 20_000) (seeded.raw += await b.db.$transaction((tx) => insertRows(b.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total"], raw, tx))), (raw = []);
    }
    seeded.raw += await b.db.$transaction((tx) => insertRows(b.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total"], raw, tx));
    await b.db.$executeRawUnsafe("ANALYZE");

    const perRange: Record<string, number> = {};
    const all: number[] = [];
    const p95 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.ceil(xs.length * 0.95) - 1]!;
    for (const [name, range] of Object.entries(RANGES)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const started = performance.now();
        JSON.stringify(await getSeriesHistory(b.db, "relay-usage", b.deploymentId, new Date(NOW - range), new Date(NOW), new Date(NOW)));
        if (i >= 2) times.push(performance.now() - started); // two warm-up calls: page cache and prepared statements
      }
      perRange[`p95_${name}_ms`] = Number(p95(times).toFixed(1));
      all.push(...times);
    }
    const overall = p95(all);
    return {
      id: "P3", what: `history API, 1 y × ${NODES} nodes at 10 s (rollups; raw for the last day), ${RUNS} calls per range`, goal: `p95 ≤ ${GOAL_P95_MS} ms`,
      measured: `p95 ${overall.toFixed(1)} ms`, met: overall <= GOAL_P95_MS,
      note: Object.entries(perRange).map(([k, v]) => `${k.slice(4, -3)} ${v} ms`).join(", "),
      raw: { ...perRange, ...Object.fromEntries(Object.entries(seeded).map(([k, v]) => [`seeded_${k}_rows`, v])) },
    };
  } finally {
    await b.cleanup();
  }
}
