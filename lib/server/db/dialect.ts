import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { providerOf, type Db } from "./client";

// The few statements Prisma's query API cannot express are raw SQL, and must run on SQLite and
// on PostgreSQL. DateTime columns differ: SQLite keeps integer epoch milliseconds (the adapter's
// unixepoch-ms format), PostgreSQL keeps timestamp(3) holding UTC. These helpers hide that, and
// Prisma.sql renders each bound value in the database's own placeholder style (? or $n).

export interface Dialect {
  /** A DateTime column as integer epoch milliseconds. */
  epochMs(column: string): Prisma.Sql;
  /** Epoch milliseconds, bound as a parameter, as a value to compare with a DateTime column. */
  timestamp(ms: number): Prisma.Sql;
  /** Index (0, 1, …) of the `bucketMs`-wide bucket a DateTime column falls into, counted from `startMs`. */
  bucketIndex(column: string, startMs: number, bucketMs: number): Prisma.Sql;
  /** Aggregate joining text values with commas (order not guaranteed). */
  stringAgg(expr: Prisma.Sql): Prisma.Sql;
  /** DELETE of at most `limit` rows of `table` matching `where` (by physical row address, so any table works). */
  deleteBatch(table: string, where: Prisma.Sql, limit: number): Prisma.Sql;
}

const quoted = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

const sqlite: Dialect = {
  epochMs: (column) => Prisma.raw(column),
  // Bound JS numbers arrive as REAL: cast so comparisons and divisions stay integer.
  timestamp: (ms) => Prisma.sql`CAST(${ms} AS INTEGER)`,
  bucketIndex: (column, startMs, bucketMs) =>
    Prisma.sql`((${Prisma.raw(column)} - CAST(${startMs} AS INTEGER)) / CAST(${bucketMs} AS INTEGER))`,
  stringAgg: (expr) => Prisma.sql`group_concat(${expr}, ',')`,
  deleteBatch: (table, where, limit) =>
    Prisma.sql`DELETE FROM ${quoted(table)} WHERE rowid IN (SELECT rowid FROM ${quoted(table)} WHERE ${where} LIMIT ${Prisma.raw(String(Math.trunc(limit)))})`,
};

const postgresql: Dialect = {
  // timestamp without time zone: extract(epoch) reads it as UTC, exactly (numeric since PG 14).
  epochMs: (column) => Prisma.sql`CAST(floor(extract(epoch from ${Prisma.raw(column)}) * 1000) AS bigint)`,
  // Integer interval arithmetic keeps the millisecond exact (to_timestamp(double) may not).
  timestamp: (ms) => Prisma.sql`(TIMESTAMP '1970-01-01 00:00:00' + CAST(${ms} AS bigint) * INTERVAL '1 millisecond')`,
  bucketIndex: (column, startMs, bucketMs) =>
    Prisma.sql`((CAST(floor(extract(epoch from ${Prisma.raw(column)}) * 1000) AS bigint) - CAST(${startMs} AS bigint)) / CAST(${bucketMs} AS bigint))`,
  stringAgg: (expr) => Prisma.sql`string_agg(${expr}, ',')`,
  // = ANY(ARRAY(...)) makes a TID scan; IN (SELECT ctid ...) would scan the whole table per batch.
  deleteBatch: (table, where, limit) =>
    Prisma.sql`DELETE FROM ${quoted(table)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${quoted(table)} WHERE ${where} LIMIT ${Prisma.raw(String(Math.trunc(limit)))}))`,
};

export function dialectOf(db: Db): Dialect {
  return providerOf(db) === "postgresql" ? postgresql : sqlite;
}
