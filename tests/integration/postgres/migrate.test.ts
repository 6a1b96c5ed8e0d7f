import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../../prisma/postgres/generate.mjs";
import { createPgDatabase } from "../../support/postgres";

const run = promisify(execFile);
const dir = "prisma/postgres/migrations";
const migrations = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const migrate = (url: string, ...args: string[]) =>
  run(process.execPath, ["prisma/migrate.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  }).then((r) => r.stdout);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("prisma/migrate.mjs on PostgreSQL (same wasm engine, @prisma/adapter-pg)", () => {
  it("applies the PostgreSQL migrations to an empty database, and is idempotent", async () => {
    const { url, drop } = await createPgDatabase();
    try {
      expect(await migrate(url, "deploy")).toContain(`migrations applied: ${migrations.join(", ")}`);
      expect(await migrate(url, "deploy")).toContain("database schema is up to date");
      const tables = (
        await query<{ table_name: string }>(
          url,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        )
      ).map((r) => r.table_name);
      expect(tables).toEqual(
        expect.arrayContaining([
          "deployment",
          "node",
          "poll_run",
          "turn_relay_sample",
          "poll_lease",
          "poller_instance",
          "_prisma_migrations",
        ]),
      );
      const tsType = await query<{ data_type: string }>(
        url,
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'turn_relay_sample' AND column_name = 'ts'",
      );
      expect(tsType[0]!.data_type).toBe("timestamp without time zone");
    } finally {
      await drop();
    }
  });

  it("lets several instances start at once: concurrent deploys apply each migration once", async () => {
    const { url, drop } = await createPgDatabase();
    try {
      const outs = await Promise.all([migrate(url, "deploy"), migrate(url, "deploy"), migrate(url, "deploy")]);
      expect(outs.filter((o) => o.includes("migrations applied")).length).toBe(1);
      const rows = await query<{ n: string }>(
        url,
        "SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL",
      );
      expect(Number(rows[0]!.n)).toBe(migrations.length);
    } finally {
      await drop();
    }
  });

  it("the committed PostgreSQL migrations match the schema (run `npm run db:new-migration:pg -- <name>` when not)", async () => {
    const { url, drop } = await createPgDatabase();
    try {
      await migrate(url, "deploy");
      expect((await migrate(url, "diff")).trim()).toMatch(/^(-- This is an empty migration\.)?$/);
    } finally {
      await drop();
    }
  });

  it("derives the PostgreSQL schema from the one schema source, changing only provider and client folder", () => {
    const source = fs.readFileSync("prisma/schema.prisma", "utf8");
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output   = "../../lib/generated/prisma-pg"');
    const strip = (s: string) =>
      s
        .split("\n")
        .filter((l) => !/^\s*(provider|output)\s*=|^\/\/ GENERATED/.test(l))
        .join("\n");
    expect(strip(derived)).toBe(strip(source));
  });
});
