import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/** Writers wait this long for the SQLite lock before failing; polls and page reads overlap. */
const BUSY_TIMEOUT_MS = 5000;

export type Db = PrismaClient;

export function createDb(url: string): Db {
  // unixepoch-ms stores DateTime as an integer: smaller rows and cheap range scans on samples.
  const adapter = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" });
  return new PrismaClient({ adapter });
}

const holder = globalThis as unknown as { edgescopeDb?: Db };

/** The process-wide client (kept on globalThis so dev reloads do not open new connections). */
export function getDb(): Db {
  holder.edgescopeDb ??= createDb(getEnv().DATABASE_URL);
  return holder.edgescopeDb;
}
