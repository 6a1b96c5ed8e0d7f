import "server-only";
import { TIERS, type TierId } from "@/lib/domain/rollup-tiers";
import { Prisma } from "@/lib/generated/prisma/client";
import { providerOf, type Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";

// Every hand-written statement of rollups and history lives here, written once for SQLite and
// PostgreSQL through the dialect (DateTime columns: integer ms on SQLite, timestamp(3) on PG).
// INSERT … ON CONFLICT … DO UPDATE with `excluded` is the same on both; PostgreSQL refuses a key
// twice in one statement, which is why callers pre-aggregate rows per key. Aggregates are cast to
// double precision so both drivers hand back plain numbers.

export const TIER_TABLES: Record<TierId, string> = {
  "1m": "rollup_minute",
  "5m": "rollup_minute_5",
  "15m": "rollup_minute_15",
  "1h": "rollup_hour",
  "6h": "rollup_hour_6",
  "1d": "rollup_day",
};
const TIER_MS = Object.fromEntries(TIERS.map((t) => [t.id, t.ms])) as Record<TierId, number>;

/** [nodeId, series, bucketMs, count, sum, min, max] — at most one row per (nodeId, series, bucket). */
export type RollupRow = readonly [string, string, number, number, number, number, number];

/** Rows per statement: 7 bound values each stays far below both databases' variable limits. */
const ROWS_PER_STATEMENT = 500;

/** Merges rows into a tier: counts and sums add up, min and max widen. `root` names the database. */
export async function upsertRollups(
  root: Db,
  tier: TierId,
  rows: readonly RollupRow[],
  tx: Db | Prisma.TransactionClient = root,
): Promise<void> {
  const d = dialectOf(root);
  const [lo, hi] = providerOf(root) === "postgresql" ? ["LEAST", "GREATEST"] : ["MIN", "MAX"];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const tuples = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map(
        ([nodeId, series, bucket, count, sum, min, max]) =>
          Prisma.sql`(${nodeId}, ${series}, ${d.timestamp(bucket)}, ${count}, ${sum}, ${min}, ${max})`,
      );
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO ${Prisma.raw(`"${TIER_TABLES[tier]}"`)} ("node_id", "series", "bucket", "count", "sum", "min", "max")
      VALUES ${Prisma.join(tuples)}
      ON CONFLICT ("node_id", "series", "bucket") DO UPDATE SET
        "count" = ${Prisma.raw(`"${TIER_TABLES[tier]}"`)}."count" + excluded."count",
        "sum" = ${Prisma.raw(`"${TIER_TABLES[tier]}"`)}."sum" + excluded."sum",
        "min" = ${Prisma.raw(`${lo}("${TIER_TABLES[tier]}"."min", excluded."min")`)},
        "max" = ${Prisma.raw(`${hi}("${TIER_TABLES[tier]}"."max", excluded."max")`)}`);
  }
}

/**
 * One node's series over a chart: one row per (node, series), its buckets packed by SQL as
 * "i:sum:count:peak,…" (i = bucket index from the chart's first bucket, in no particular order).
 * Packing in SQL hands the driver 50 rows instead of 36 000 for a 30-day chart of 50 nodes: per
 * row, Prisma's raw-query decoding cost more than SQLite's reading (see docs/benchmarks.md, P3).
 */
export interface PackedSeries {
  node_id: string;
  series: string;
  packed: string;
}

/** Which rows a history query reads: one exact series name, or every series with a prefix. */
export type SeriesMatch = { exact: string } | { prefix: string };

const seriesWhere = (m: SeriesMatch) =>
  "exact" in m
    ? Prisma.sql`"series" = ${m.exact}`
    : // A range instead of LIKE: LIKE is case-insensitive in SQLite and would not use the key.
      Prisma.sql`"series" >= ${m.prefix} AND "series" < ${`${m.prefix}\uffff`}`;

const packed = (d: ReturnType<typeof dialectOf>, i: string, sum: string, count: string, peak: string) =>
  d.stringAgg(
    Prisma.raw(
      `CAST(${i} AS TEXT) || ':' || CAST(${sum} AS TEXT) || ':' || CAST(${count} AS TEXT) || ':' || CAST(${peak} AS TEXT)`,
    ),
  );

/**
 * A tier's rows over [startMs, toMs) as they are stored: a chart bucket is one row, nothing is
 * re-aggregated. `startMs` must be on a bucket edge of the tier (the chart's first bucket).
 */
export function readTierSeries(
  db: Db,
  tier: TierId,
  nodeIds: string[],
  match: SeriesMatch,
  startMs: number,
  toMs: number,
): Promise<PackedSeries[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  const d = dialectOf(db);
  const table = Prisma.raw(`"${TIER_TABLES[tier]}"`);
  return db.$queryRaw<PackedSeries[]>(Prisma.sql`
    SELECT "node_id", "series", ${packed(d, "i", '"sum"', '"count"', '"max"')} AS packed
      FROM (SELECT "node_id", "series", ${d.bucketIndex('"bucket"', startMs, TIER_MS[tier])} AS i, "sum", "count", "max"
              FROM ${table}
             WHERE "node_id" IN (${Prisma.join(nodeIds)}) AND ${seriesWhere(match)} AND "bucket" >= ${d.timestamp(startMs)} AND "bucket" < ${d.timestamp(toMs)}) r
     GROUP BY "node_id", "series"`);
}

/** Where a series lives in the raw sample tables (names come from code, never from input). */
export interface RawSeries {
  table: "turn_relay_sample" | "turn_server_sample";
  valueColumn: "current" | "rtt_ms" | "allocations";
  /** SQL expression giving the series name, e.g. `'relay'` or `'rtt:' || "host_address"` */
  seriesSql: string;
}

/** The same from raw samples over [fromMs, toMs), aggregated into `bucketMs` buckets counted from `startMs`. */
export function readRawSeries(
  db: Db,
  raw: RawSeries,
  nodeIds: string[],
  fromMs: number,
  toMs: number,
  startMs: number,
  bucketMs: number,
): Promise<PackedSeries[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  const d = dialectOf(db);
  const v = Prisma.raw(`"${raw.valueColumn}"`);
  return db.$queryRaw<PackedSeries[]>(Prisma.sql`
    SELECT "node_id", "series", ${packed(d, "i", "s", "n", "p")} AS packed
      FROM (SELECT "node_id", ${Prisma.raw(raw.seriesSql)} AS "series", ${d.bucketIndex('"ts"', startMs, bucketMs)} AS i, SUM(${v}) AS s, COUNT(${v}) AS n, MAX(${v}) AS p
              FROM ${Prisma.raw(`"${raw.table}"`)}
             WHERE "node_id" IN (${Prisma.join(nodeIds)}) AND "ts" >= ${d.timestamp(fromMs)} AND "ts" < ${d.timestamp(toMs)} AND ${v} IS NOT NULL
             GROUP BY "node_id", "series", i) g
     GROUP BY "node_id", "series"`);
}
