import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";

// Reads for many keys at once (the board reads every node and source in one go). The keys travel
// as a literal table `(VALUES (…), (…)) AS k`, whose columns are column1, column2… on SQLite and
// PostgreSQL alike, and each key gets its own correlated `ORDER BY … DESC LIMIT 1`: one index
// seek per key, where GROUP BY or a window would read hours of history.

/** Values bound per statement: far below SQLite's 32 766 and PostgreSQL's 65 535 parameters. */
const MAX_BOUND_PER_STATEMENT = 8_000;

export type KeyValue = string | number;

/** `(VALUES (?, ?), (?, ?)) AS k`: a table of keys with columns k.column1, k.column2… */
export function keysTable(keys: readonly (readonly KeyValue[])[], alias = "k"): Prisma.Sql {
  // Built flat (one string between each two values): nesting a Prisma.sql per value cost
  // milliseconds for the board's ~1 000 keys.
  const strings = ["(VALUES "];
  const values: KeyValue[] = [];
  keys.forEach((key, i) =>
    key.forEach((v, j) => {
      strings[strings.length - 1] += j > 0 ? ", " : i > 0 ? "), (" : "(";
      values.push(v);
      strings.push("");
    }),
  );
  strings[strings.length - 1] += `)) AS ${alias}`;
  return new Prisma.Sql(strings, values);
}

/** Runs `run` once per chunk of keys that fits one statement, and concatenates the rows. */
export async function inChunks<R>(
  keys: readonly (readonly KeyValue[])[],
  run: (chunk: readonly (readonly KeyValue[])[]) => Promise<R[]>,
): Promise<R[]> {
  if (!keys.length) return [];
  const perChunk = Math.max(1, Math.floor(MAX_BOUND_PER_STATEMENT / Math.max(1, keys[0]!.length)));
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += perChunk) out.push(...(await run(keys.slice(i, i + perChunk))));
  return out;
}

export interface NewestPerKey {
  /** Table (snake_case) with an integer "id" primary key */
  table: string;
  /** Columns of one key, e.g. ["node_id", "source"]: an index must start with them, then `newest` */
  keyColumns: readonly string[];
  /** One value list per key, in keyColumns order; keys without rows give no row */
  keys: readonly (readonly KeyValue[])[];
  /** The column whose highest value marks the newest row (ties: as the index orders them) */
  newest: string;
  /** Extra condition on the candidate rows, written against alias `i` */
  where?: Prisma.Sql;
  /** What to return of each newest row, written against alias `t` */
  select: Prisma.Sql;
}

/**
 * The newest row of `table` per key, the same row `findFirst({ where: key, orderBy: newest desc })`
 * gives per key, in one statement (per MAX_BOUND_PER_STATEMENT values).
 */
export function newestPerKey<R>(db: Db, q: NewestPerKey): Promise<R[]> {
  const table = Prisma.raw(`"${q.table}"`);
  return inChunks(q.keys, (chunk) => {
    const match = q.keyColumns.map((c, i) => Prisma.raw(`i."${c}" = k.column${i + 1}`));
    const where = Prisma.join([...match, ...(q.where ? [q.where] : [])], " AND ");
    // A join on the primary key (not `id IN (…)`): each key's subquery then runs once, as the
    // parameter of a primary-key lookup, on both databases.
    return db.$queryRaw<R[]>(Prisma.sql`SELECT ${q.select} FROM ${keysTable(chunk)}
      JOIN ${table} t ON t."id" = (SELECT i."id" FROM ${table} i WHERE ${where} ORDER BY i.${Prisma.raw(`"${q.newest}"`)} DESC LIMIT 1)`);
  });
}

/** A DateTime read by raw SQL through dialect.epochMs (bigint on PostgreSQL, number on SQLite) as a Date. */
export const dateOf = (ms: bigint | number | Date): Date => (ms instanceof Date ? ms : new Date(Number(ms)));
