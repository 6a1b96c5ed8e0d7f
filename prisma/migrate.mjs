// Drives Prisma migrations through @prisma/schema-engine-wasm (an npm package), because the Prisma
// CLI insists on downloading a native schema engine that cannot be fetched on offline machines.
// Usage: node prisma/migrate.mjs deploy | dev <name> | diff [empty]   (npm run db:migrate, db:new-migration;
// a new PostgreSQL migration without a server of your own: npm run db:new-migration:pg -- <name>)
// DATABASE_URL defaults to file:./data/edgescope.db (same default as lib/env.ts). Its scheme picks
// the database: file: → SQLite (prisma/migrations), postgres(ql):// → PostgreSQL
// (prisma/postgres/migrations, schema derived from prisma/schema.prisma by postgres/generate.mjs).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { engineAdapter } from "./postgres/engine-adapter.mjs";
import { PG_SCHEMA, SOURCE_SCHEMA, derivePostgresSchema } from "./postgres/generate.mjs";

const require = createRequire(import.meta.url);
const prismaDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(prismaDir);
export const DEFAULT_DATABASE_URL = "file:./data/edgescope.db";

/** Resolves a file: URL the way the better-sqlite3 adapter does (relative to the process cwd). */
export function sqliteFilePath(url) {
  if (!url.startsWith("file:"))
    throw new Error(`Only SQLite file: URLs are supported here, got "${url.split(":")[0]}:"`);
  return path.resolve(url.slice("file:".length).split("?")[0]);
}

/**
 * What a DATABASE_URL migrates with: the schema text the engine compares against, the committed
 * migrations folder, and the driver adapter. One schema source: PostgreSQL's is derived in memory.
 */
export function migrationTarget(url) {
  if (url.startsWith("file:")) {
    return {
      provider: "sqlite",
      schemaPath: SOURCE_SCHEMA,
      schemaText: () => fs.readFileSync(SOURCE_SCHEMA, "utf8"),
      migrationsDir: path.join(prismaDir, "migrations"),
      adapterFactory: () => new PrismaBetterSqlite3({ url }),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: "postgresql",
      schemaPath: PG_SCHEMA,
      schemaText: () => derivePostgresSchema(fs.readFileSync(SOURCE_SCHEMA, "utf8")),
      migrationsDir: path.join(prismaDir, "postgres", "migrations"),
      adapterFactory: () => engineAdapter(url),
    };
  }
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "${url.split(":")[0]}:"`);
}

let wasmModule;
/** Instantiates the engine's wasm once per process: a second instantiation corrupts its shared state. */
async function loadWasm() {
  if (wasmModule) return wasmModule;
  const bgJs = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  // Engine panics report through this registry; without it a panic hides behind a TypeError.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (m) => {
      throw new Error(`schema engine panic: ${m}`);
    },
  };
  // The package entry does `import * as wasm from "./x.wasm"` (needs --experimental-wasm-modules
  // on Node 20), so instantiate the module by hand.
  const { instance } = await WebAssembly.instantiate(
    fs.readFileSync(path.join(path.dirname(bgJs), "schema_engine_bg.wasm")),
    { "./schema_engine_bg.js": bg },
  );
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  wasmModule = bg;
  return bg;
}

/**
 * Runs `fn` with a schema engine on `url`, then closes every connection the engine opened: the
 * engine holds SQLite locks while connected, so a process that goes on using the database
 * (tests, the demo) must not keep it around.
 */
async function withEngine(target, fn) {
  const bg = await loadWasm();
  const factory = target.adapterFactory();
  const opened = [];
  const tracked = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const a = await factory.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await factory.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[target.schemaPath, target.schemaText()]] },
    (msg) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(msg);
    },
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await fn(engine);
  } finally {
    await Promise.allSettled(opened.map((a) => a.dispose()));
    engine.free?.();
  }
}

function listMigrations({ migrationsDir }) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

const filters = { externalTables: [], externalEnums: [] };
const schemaFiles = (target) => ({ files: [{ path: target.schemaPath, content: target.schemaText() }] });

/** Applies committed migrations; returns the names applied now. A SQLite file is left in WAL mode. */
export async function deploy(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  const target = migrationTarget(url);
  if (target.provider === "sqlite") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // WAL is a property of the file, so setting it once here covers every later connection. It is
    // set before the engine opens its own connection, since switching modes needs the only handle.
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  // On PostgreSQL the engine serialises concurrent deploys (several instances starting at once)
  // with an advisory lock.
  const { appliedMigrationNames } = await withEngine(target, (engine) =>
    engine.applyMigrations({ migrationsList: listMigrations(target), filters }),
  );
  return appliedMigrationNames;
}

async function diffFromDb(engine, target, from) {
  const res = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", ...schemaFiles(target) },
    script: true,
    exitCode: null,
    filters,
  });
  return res.stdout ?? "";
}

/** SQL that would bring the database at `url` to the schema (empty when they match). */
export async function diff(url, { fromEmpty = false } = {}) {
  const target = migrationTarget(url);
  const from = fromEmpty ? { tag: "empty" } : { tag: "schemaDatasource", ...schemaFiles(target), configDir: root };
  return withEngine(target, (engine) => diffFromDb(engine, target, from));
}

/** Applies committed migrations, then writes a new one for whatever the schema adds. */
export async function dev(name, url) {
  const target = migrationTarget(url);
  const { migrationsDir } = target;
  await deploy(url);
  const sql = await diff(url);
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql))
    return console.log("schema unchanged, no migration created");
  let ts = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const last = listMigrations(target).migrationDirectories.at(-1)?.path.slice(0, 14);
  if (last && ts <= last) ts = String(BigInt(last) + 1n); // names must sort strictly increasing
  const dirName = `${ts}_${(name ?? "migration").replace(/[^a-zA-Z0-9_]/g, "_")}`;
  fs.mkdirSync(path.join(migrationsDir, dirName), { recursive: true });
  fs.writeFileSync(path.join(migrationsDir, dirName, "migration.sql"), sql);
  fs.writeFileSync(
    path.join(migrationsDir, "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${target.provider}"\n`,
  );
  console.log("created", dirName, "applied", await deploy(url));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, arg] = process.argv.slice(2);
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  try {
    if (cmd === "deploy") {
      const applied = await deploy(url);
      console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
    } else if (cmd === "dev") {
      await dev(arg, url);
    } else if (cmd === "diff") {
      process.stdout.write(await diff(url, { fromEmpty: arg === "empty" }));
    } else {
      console.error("usage: node prisma/migrate.mjs deploy | dev <name> | diff [empty]");
      process.exit(2);
    }
  } catch (err) {
    console.error(`migration failed: ${err?.message ?? err}`);
    process.exit(1);
  }
  // On PostgreSQL the engine leaves a 10 s timer behind (seen with schema-engine-wasm 8.1.0-2);
  // the work is done, so do not wait for it.
  process.exit(0);
}
