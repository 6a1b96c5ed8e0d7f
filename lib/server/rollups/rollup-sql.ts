import "server-only";
import type { TierId } from "@/lib/domain/rollup-tiers";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";

// ─── RAW SQL (SQLite dialect) ──────────────────────────────────────────────────────────────────
// Every hand-written statement of rollups and history lives in this file, so a port to another
// database (lib/server/db/dialect.ts on the PostgreSQL branch) touches only this file. Notes:
// - DateTime columns hold integer ms (adapter timestampFormat unixepoch-ms), so buckets and ts are
//   bound and compared as numbers; PostgreSQL timestamps need to_timestamp(ms / 1000.0) or epoch math.
// - Two-argument MIN()/MAX() below are LEAST()/GREATEST() in PostgreSQL.
// - `(ts / w) * w` truncates because both sides are INTEGER (the CASTs: bound JS numbers are REAL).
// - INSERT … ON CONFLICT … DO UPDATE with `excluded` is the same on both. PostgreSQL refuses a key
//   twice in one statement, which is why callers pre-aggregate rows per key.

export const TIER_TABLES: Record<TierId, string> = { "1m": "rollup_minute", "1h": "rollup_hour", "1d": "rollup_day" };

/** [nodeId, series, bucketMs, count, sum, min, max] — at most one row per (nodeId, series, bucket). */
export type RollupRow = readonly [string, string, number, number, number, number, number];

/** Rows per statement: 7 bound values each stays far below SQLite's 32766 variables. */
const ROWS_PER_STATEMENT = 500;

/** Merges rows into a tier: counts and sums add up, min and max widen. */
export async function upsertRollups(db: Db | Prisma.TransactionClient, tier: TierId, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await db.$executeRawUnsafe(
      `INSERT INTO "${TIER_TABLES[tier]}" ("node_id", "series", "bucket", "count", "sum", "min", "max")
       VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT ("node_id", "series", "bucket") DO UPDATE SET
         "count" = "count" + excluded."count",
         "sum" = "sum" + excluded."sum",
         "min" = MIN("min", excluded."min"),
         "max" = MAX("max", excluded."max")`,
      ...chunk.flat(),
    );
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
    ? { sql: `"series" = ?`, args: [m.exact] }
    : // A range instead of LIKE: LIKE is case-insensitive in SQLite and would not use the key.
      { sql: `"series" >= ? AND "series" < ?`, args: [m.prefix, `${m.prefix}\uffff`] };

/** Re-aggregates tier rows into chart buckets (bucketMs must be a multiple of the tier width). */
export function readRollupBuckets(db: Db, tier: TierId, nodeIds: string[], match: SeriesMatch, fromMs: number, toMs: number, bucketMs: number): Promise<BucketAggregate[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  const s = seriesWhere(match);
  return db.$queryRawUnsafe<BucketAggregate[]>(
    `SELECT "node_id", "series", ("bucket" / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS b,
            SUM("sum") AS sum, SUM("count") AS count, MAX("max") AS peak
       FROM "${TIER_TABLES[tier]}"
      WHERE "node_id" IN (${nodeIds.map(() => "?").join(",")}) AND ${s.sql} AND "bucket" >= ? AND "bucket" < ?
      GROUP BY "node_id", "series", b`,
    bucketMs, bucketMs, ...nodeIds, ...s.args, fromMs, toMs,
  );
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
  const v = `"${raw.valueColumn}"`;
  return db.$queryRawUnsafe<BucketAggregate[]>(
    `SELECT "node_id", ${raw.seriesSql} AS series, ("ts" / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS b,
            SUM(${v}) AS sum, COUNT(${v}) AS count, MAX(${v}) AS peak
       FROM "${raw.table}"
      WHERE "node_id" IN (${nodeIds.map(() => "?").join(",")}) AND "ts" >= ? AND "ts" < ? AND ${v} IS NOT NULL
      GROUP BY "node_id", series, b`,
    bucketMs, bucketMs, ...nodeIds, fromMs, toMs,
  );
}
