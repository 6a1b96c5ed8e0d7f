import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";
import { dialectOf } from "./dialect";

/**
 * Multi-row INSERT for sample tables. Prisma's createMany on SQLite measured ~11k rows/s here;
 * one statement per chunk runs ~200k rows/s through the same connection (npm run bench, P2).
 * Date values are DateTime columns and go through the dialect (integer ms on SQLite,
 * timestamp(3) on PostgreSQL); everything else is bound as given.
 */
const ROWS_PER_STATEMENT = 500; // keeps bound variables far below SQLite's 32766 and PostgreSQL's 65535 limits

export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tx: Prisma.TransactionClient | Db = db,
): Promise<number> {
  const dialect = dialectOf(db);
  // Table and column names come from code, never from input; values are always bound.
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const value = (v: unknown) => (v instanceof Date ? dialect.timestamp(v.getTime()) : Prisma.sql`${v}`);
  let written = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const tuples = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => Prisma.sql`(${Prisma.join(r.map(value))})`);
    written += await tx.$executeRaw(Prisma.sql`${head}${Prisma.join(tuples)}`);
  }
  return written;
}
