import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// The same migration path users run (prisma/migrate.mjs), so tests exercise it too.
import { deploy } from "../../prisma/migrate.mjs";
import { createDb, type Db } from "@/lib/server/db/client";
import { createPgDatabase, testingOnPostgres } from "./postgres";

export interface TestDb {
  provider: "sqlite" | "postgresql";
  url: string;
  /** The SQLite file ("" on PostgreSQL). */
  file: string;
  /** A fresh temp folder (holds the SQLite file). */
  dir: string;
  db: Db;
  cleanup(): Promise<void>;
}

/**
 * A fresh database migrated to the committed schema: a real SQLite file, or, in the vitest
 * project integration-pg, a new database in the test PostgreSQL cluster.
 */
export async function createTestDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-db-"));
  if (testingOnPostgres()) {
    const pg = await createPgDatabase();
    await deploy(pg.url);
    const db = createDb(pg.url);
    return {
      provider: "postgresql",
      url: pg.url,
      file: "",
      dir,
      db,
      async cleanup() {
        await db.$disconnect();
        await pg.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const file = path.join(dir, "edgescope.db");
  const url = `file:${file}`;
  await deploy(url);
  const db = createDb(url);
  return {
    provider: "sqlite",
    url,
    file,
    dir,
    db,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
