import { bucketFor, chooseHistorySource } from "@/lib/domain/charts";
import { bucketStart, DAY_MS, HOUR_MS, TIERS } from "@/lib/domain/rollup-tiers";
import { DEFAULT_SETTINGS, RETENTION_SETTING } from "@/lib/domain/settings";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { getSeriesHistory, sourceRetention } from "@/lib/server/history/series-history";
import { TIER_TABLES } from "@/lib/server/rollups/rollup-sql";
import { benchDb, relaysAt } from "./bench-db";
import type { BenchRow } from "./bench-types";

const NODES = 50;
const GOAL_P95_MS = 50;
const RUNS = 20;
const NOW = Date.UTC(2026, 10, 25, 12);
const RANGES: Record<string, number> = {
  "1y": 365 * DAY_MS,
  "90d": 90 * DAY_MS,
  "30d": 30 * DAY_MS,
  "7d": 7 * DAY_MS,
  "24h": DAY_MS,
  "1h": HOUR_MS,
};
const COLS = ["node_id", "series", "bucket", "count", "sum", "min", "max"];

/** Seeds `table` with one row per node per `widthMs` over [from, NOW), time-major like the poller writes. */
async function seedTier(
  db: Awaited<ReturnType<typeof benchDb>>["db"],
  table: string,
  nodeIds: string[],
  widthMs: number,
  fromMs: number,
): Promise<number> {
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

/** Stored rows the history query reads for a range ending at NOW (its source, from its first bucket). */
async function rowsRead(
  db: Awaited<ReturnType<typeof benchDb>>["db"],
  rangeMs: number,
): Promise<{ source: string; rows: number }> {
  const { source, bucketMs } = chooseHistorySource(
    bucketFor(rangeMs),
    NOW - rangeMs,
    NOW,
    sourceRetention(DEFAULT_SETTINGS),
  );
  const [table, column, from] =
    source === "raw"
      ? ["turn_relay_sample", "ts", NOW - rangeMs]
      : [TIER_TABLES[source], "bucket", bucketStart(NOW - rangeMs, bucketMs)];
  const [r] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
    `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" >= ? AND "${column}" < ?`,
    from,
    NOW,
  );
  return { source, rows: Number(r!.n) };
}

/**
 * P3: the history API (in process: query + JSON, no HTTP) over a year of 50 nodes at 10 s. A year
 * of raw samples (157 M rows) is never read, so it is not seeded: each rollup tier is seeded for
 * its default retention (capped at the year) and raw samples for the last day, which is all the
 * 10-second buckets (ranges ≤ ~2.7 h) ever read. Besides times, it reports the stored rows each
 * range reads and the JSON size: figures that do not move with the machine's load.
 */
export async function benchHistory(): Promise<BenchRow> {
  const b = await benchDb(NODES);
  try {
    const seeded: Record<string, number> = {};
    for (const tier of TIERS)
      seeded[tier.id] = await seedTier(
        b.db,
        TIER_TABLES[tier.id],
        b.nodeIds,
        tier.ms,
        NOW - Math.min(366, DEFAULT_SETTINGS[RETENTION_SETTING[tier.id]]) * DAY_MS,
      );
    let raw: unknown[][] = [];
    let rawRows = 0;
    for (let t = NOW - DAY_MS; t < NOW; t += 10_000) {
      b.nodeIds.forEach((id, i) => raw.push([id, t, relaysAt(t, i), 0, 0]));
      if (raw.length >= 20_000)
        (rawRows += await b.db.$transaction((tx) =>
          insertRows(b.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total"], raw, tx),
        )),
          (raw = []);
    }
    seeded.raw =
      rawRows +
      (await b.db.$transaction((tx) =>
        insertRows(b.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total"], raw, tx),
      ));
    await b.db.$executeRawUnsafe("ANALYZE");

    const perRange: Record<string, number | string> = {};
    const all: number[] = [];
    const p95 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.ceil(xs.length * 0.95) - 1]!;
    for (const [name, range] of Object.entries(RANGES)) {
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const started = performance.now();
        const cpu0 = process.cpuUsage();
        bytes = JSON.stringify(
          await getSeriesHistory(
            b.db,
            "relay-usage",
            b.deploymentId,
            new Date(NOW - range),
            new Date(NOW),
            new Date(NOW),
          ),
        ).length;
        const used = process.cpuUsage(cpu0);
        if (i < 2) continue; // two warm-up calls: page cache and prepared statements
        times.push(performance.now() - started);
        // CPU time of this process (SQLite runs on its thread): moves less with other processes' load than wall time.
        cpu.push((used.user + used.system) / 1000);
      }
      const read = await rowsRead(b.db, range);
      perRange[`p95_${name}_ms`] = Number(p95(times).toFixed(1));
      perRange[`p95_cpu_${name}_ms`] = Number(p95(cpu).toFixed(1));
      perRange[`source_${name}`] = read.source;
      perRange[`rows_read_${name}`] = read.rows;
      perRange[`json_bytes_${name}`] = bytes;
      all.push(...times);
    }
    const overall = p95(all);
    return {
      id: "P3",
      what: `history API, 1 y × ${NODES} nodes at 10 s (rollups; raw for the last day), ${RUNS} calls per range`,
      goal: `p95 ≤ ${GOAL_P95_MS} ms`,
      measured: `p95 ${overall.toFixed(1)} ms`,
      met: overall <= GOAL_P95_MS,
      note: Object.keys(RANGES)
        .map(
          (k) =>
            `${k} ${perRange[`p95_${k}_ms`]} ms, CPU ${perRange[`p95_cpu_${k}_ms`]} ms (${perRange[`rows_read_${k}`]} ${perRange[`source_${k}`]} rows)`,
        )
        .join(", "),
      raw: { ...perRange, ...Object.fromEntries(Object.entries(seeded).map(([k, v]) => [`seeded_${k}_rows`, v])) },
    };
  } finally {
    await b.cleanup();
  }
}
