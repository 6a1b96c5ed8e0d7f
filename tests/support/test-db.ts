import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// The same migration path users run (prisma/migrate.mjs), so tests exercise it too.
import { deploy } from "../../prisma/migrate.mjs";
import { createDb, type Db } from "@/lib/server/db/client";

export interface TestDb {
  url: string;
  file: string;
  dir: string;
  db: Db;
  cleanup(): Promise<void>;
}

/** A real SQLite file in a fresh temp folder, migrated to the committed schema. */
export async function createTestDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-db-"));
  const file = path.join(dir, "edgescope.db");
  const url = `file:${file}`;
  await deploy(url);
  const db = createDb(url);
  return {
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
