import "server-only";
import type { TierId } from "@/lib/domain/rollup-tiers";
import { Prisma } from "@/lib/generated/prisma/client";
import { providerOf, type Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";

// Every hand-written statement of rollups and history lives here, written once for SQLite and
// PostgreSQL through the dialect (DateTime columns: integer ms on SQLite, timestamp(3) on PG).
// INSERT … ON CONFLICT … DO UPDATE with `excluded` is the same on both; PostgreSQL refuses a key
// twice in one statement, which is why callers pre-aggregate rows per key. Aggregates are cast to
// double precision so both drivers hand back plain numbers.

export const TIER_TABLES: Record<TierId, string> = { "1m": "rollup_minute", "1h": "rollup_hour", "1d": "rollup_day" };

/** [nodeId, series, bucketMs, count, sum, min, max] — at most one row per (nodeId, series, bucket). */
export type RollupRow = readonly [string, string, number, number, number, number, number];

/** Rows per statement: 7 bound values each stays far below both databases' variable limits. */
const ROWS_PER_STATEMENT = 500;

/** Merges rows into a tier: counts and sums add up, min and max widen. `root` names the database. */
export async function upsertRollups(root: Db, tier: TierId, rows: readonly RollupRow[], tx: Db | Prisma.TransactionClient = root): Promise<void> {
  const d = dialectOf(root);
  const [lo, hi] = providerOf(root) === "postgresql" ? ["LEAST", "GREATEST"] : ["MIN", "MAX"];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const tuples = rows.slice(i, i + ROWS_PER_STATEMENT).map(([nodeId, series, bucket, count, sum, min, max]) =>
      Prisma.sql`(${nodeId}, ${series}, ${d.timestamp(bucket)}, ${count}, ${sum}, ${min}, ${max})`);
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

/** One chart bucket of one series of one node: enough to re-aggregate (avg = sum / count). */
export interface BucketAggregate {
  node_id: string;
  series: string;
  b: bigint | number;
  sum: number;
  count: bigint | number;
  peak: number;
}

/** Which rows a history query reads: one exact series name, or every series with a prefix. */
export type SeriesMatch = { exact: string } | { prefix: string };

const seriesWhere = (m: SeriesMatch) =>
  "exact" in m
    ? Prisma.sql`"series" = ${m.exact}`
    : // A range instead of LIKE: LIKE is case-insensitive in SQLite and would not use the key.
      Prisma.sql`"series" >= ${m.prefix} AND "series" < ${`${m.prefix}\uffff`}`;

/** Re-aggregates tier rows into chart buckets (bucketMs must be a multiple of the tier width). */
export function readRollupBuckets(db: Db, tier: TierId, nodeIds: string[], match: SeriesMatch, fromMs: number, toMs: number, bucketMs: number): Promise<BucketAggregate[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  const d = dialectOf(db);
  return db.$queryRaw<BucketAggregate[]>(Prisma.sql`
    SELECT "node_id", "series", ${d.bucketStart('"bucket"', bucketMs)} AS b,
           CAST(SUM("sum") AS DOUBLE PRECISION) AS sum, CAST(SUM("count") AS DOUBLE PRECISION) AS count, CAST(MAX("max") AS DOUBLE PRECISION) AS peak
      FROM ${Prisma.raw(`"${TIER_TABLES[tier]}"`)}
     WHERE "node_id" IN (${Prisma.join(nodeIds)}) AND ${seriesWhere(match)} AND "bucket" >= ${d.timestamp(fromMs)} AND "bucket" < ${d.timestamp(toMs)}
     GROUP BY "node_id", "series", b`);
}

/** Where a series lives in the raw sample tables (names come from code, never from input). */
export interface RawSeries {
  table: "turn_relay_sample" | "turn_server_sample";
  valueColumn: "current" | "rtt_ms" | "allocations";
  /** SQL expression giving the series name, e.g. `'relay'` or `'rtt:' || "host_address"` */
  seriesSql: string;
}

/** The same aggregates straight from raw samples, for buckets under one minute. */
export function readRawBuckets(db: Db, raw: RawSeries, nodeIds: string[], fromMs: number, toMs: number, bucketMs: number): Promise<BucketAggregate[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  const d = dialectOf(db);
  const v = Prisma.raw(`"${raw.valueColumn}"`);
  return db.$queryRaw<BucketAggregate[]>(Prisma.sql`
    SELECT "node_id", ${Prisma.raw(raw.seriesSql)} AS series, ${d.bucketStart('"ts"', bucketMs)} AS b,
           CAST(SUM(${v}) AS DOUBLE PRECISION) AS sum, CAST(COUNT(${v}) AS DOUBLE PRECISION) AS count, CAST(MAX(${v}) AS DOUBLE PRECISION) AS peak
      FROM ${Prisma.raw(`"${raw.table}"`)}
     WHERE "node_id" IN (${Prisma.join(nodeIds)}) AND "ts" >= ${d.timestamp(fromMs)} AND "ts" < ${d.timestamp(toMs)} AND ${v} IS NOT NULL
     GROUP BY "node_id", series, b`);
}
