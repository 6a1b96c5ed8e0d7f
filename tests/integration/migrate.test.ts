import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const migrations = fs
  .readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function runMigrate(url: string): string {
  return execFileSync(process.execPath, ["prisma/migrate.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
}

describe("prisma/migrate.mjs deploy (offline, wasm schema engine)", () => {
  it("creates the data folder and schema on a fresh machine, in WAL mode, and is idempotent", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-mig-"));
    const file = path.join(dir, "data", "nested", "edgescope.db");
    expect(runMigrate(`file:${file}`)).toContain(`migrations applied: ${migrations.join(", ")}`);
    expect(runMigrate(`file:${file}`)).toContain("database schema is up to date");

    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(["deployment", "node", "poll_run", "turn_relay_sample", "_prisma_migrations"]),
    );
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all();
    expect(applied).toHaveLength(migrations.length);
    db.close();
  });

  it("explains an unsupported DATABASE_URL instead of crashing", () => {
    let message = "";
    try {
      runMigrate("mysql://localhost/x");
    } catch (err) {
      message = String((err as { stderr?: string }).stderr);
    }
    expect(message).toMatch(
      /migration failed: DATABASE_URL must be a SQLite file: URL or a postgresql:\/\/ URL, got "mysql:"/,
    );
  });

  it("the committed migrations match the Prisma schema (no forgotten migration)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-mig-"));
    const url = `file:${path.join(dir, "x.db")}`;
    runMigrate(url);
    const drift = execFileSync(process.execPath, ["prisma/migrate.mjs", "diff"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(drift.trim()).toMatch(/^(-- This is an empty migration\.)?$/);
  });
});
