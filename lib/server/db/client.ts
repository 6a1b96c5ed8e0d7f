import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient, type Prisma as PgPrisma } from "@/lib/generated/prisma-pg/client";
import { databaseProvider, getEnv, type DatabaseProvider } from "@/lib/env";
import { gateSqliteAdapter } from "./sqlite-gate";

/** Writers wait this long for the SQLite lock before failing; polls and page reads overlap. */
const BUSY_TIMEOUT_MS = 5000;
/**
 * Set on every SQLite connection (the WAL journal itself is set once, by prisma/migrate.mjs).
 * synchronous=NORMAL under WAL: a commit is not fsynced, the WAL is at checkpoints. A process
 * crash (SIGKILL, OOM) loses nothing committed, and the database is never corrupted; only a power
 * loss or kernel crash can drop the last commits, i.e. a gap of a few seconds of polls (and any
 * other row committed then). FULL cost ~6 ms of fsync per node cycle, all on the event loop (P1).
 */
const SQLITE_PRAGMAS = "PRAGMA synchronous = NORMAL;";

/** The better-sqlite3 adapter, with our pragmas run on each connection it opens, gated (sqlite-gate.ts). */
class SqliteAdapterFactory extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return gateSqliteAdapter(adapter);
  }
}

/** PostgreSQL connections per instance: node cycles, page reads and retention share them. */
const PG_POOL_SIZE = 10;

/**
 * One client type for both databases. Both clients are generated from the one schema source
 * (prisma/postgres/generate.mjs derives the PostgreSQL schema), so their model APIs are the
 * same: the SQLite client's type stands for both, and the PostgreSQL client is cast to it once,
 * in createDb. The check below breaks the build if the two generated clients ever differ.
 */
export type Db = PrismaClient;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Scalars<M extends Record<string, { payload: { scalars: unknown } }>> = {
  [K in keyof M]: M[K]["payload"]["scalars"];
};
// A compile error here means a stale generated client: run `npm run db:generate`.
const clientsMatch: Same<Scalars<Prisma.TypeMap["model"]>, Scalars<PgPrisma.TypeMap["model"]>> = true;
void clientsMatch;

// On globalThis, like the client itself: Next may load this module more than once per process.
const registry = globalThis as unknown as { edgescopeDbProviders?: WeakMap<Db, DatabaseProvider> };
const providers = (registry.edgescopeDbProviders ??= new WeakMap());

export function createDb(url: string): Db {
  const provider = databaseProvider(url);
  const db =
    provider === "postgresql"
      ? (new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: PG_POOL_SIZE }) }) as unknown as Db)
      : // unixepoch-ms stores DateTime as an integer: smaller rows and cheap range scans on samples.
        new PrismaClient({
          adapter: new SqliteAdapterFactory({ url, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" }),
        });
  providers.set(db, provider);
  return db;
}

/** The database behind a client from createDb, for the few raw SQL statements (see dialect.ts). */
export function providerOf(db: Db): DatabaseProvider {
  const provider = providers.get(db);
  if (!provider) throw new Error("raw SQL needs a client made by createDb(), not a transaction client");
  return provider;
}

const holder = globalThis as unknown as { edgescopeDb?: Db };

/** The process-wide client (kept on globalThis so dev reloads do not open new connections). */
export function getDb(): Db {
  holder.edgescopeDb ??= createDb(getEnv().DATABASE_URL);
  return holder.edgescopeDb;
}
