// Derives the PostgreSQL schema from the one schema source, prisma/schema.prisma (SQLite), so the
// two never drift: same models, same names, only the provider and the client's output differ.
// Usage: node prisma/postgres/generate.mjs   (postinstall and `npm run db:generate` run it)
// The result, prisma/postgres/schema.prisma, is git-ignored: edit prisma/schema.prisma instead.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pgDir = path.dirname(fileURLToPath(import.meta.url));
const prismaDir = path.dirname(pgDir);
export const SOURCE_SCHEMA = path.join(prismaDir, "schema.prisma");
export const PG_SCHEMA = path.join(pgDir, "schema.prisma");

/** Rewrites one `<kind> <name> { ... }` block of a schema; throws if it is missing. */
function rewriteBlock(text, kind, name, rewrite) {
  const re = new RegExp(`^${kind}\\s+${name}\\s*\\{[^}]*\\}`, "m");
  const match = text.match(re);
  if (!match) throw new Error(`prisma/schema.prisma has no \`${kind} ${name}\` block`);
  return text.replace(re, rewrite(match[0]));
}

/** The PostgreSQL variant of the SQLite schema text (pure: tests compare it with what is committed). */
export function derivePostgresSchema(sqliteSchema) {
  let out = rewriteBlock(sqliteSchema, "datasource", "db", (block) => {
    if (!/provider\s*=\s*"sqlite"/.test(block))
      throw new Error('the datasource of prisma/schema.prisma must be provider = "sqlite"');
    return block.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  });
  out = rewriteBlock(out, "generator", "client", (block) =>
    block.replace(/output\s*=\s*"([^"]+)"/, (_, output) => {
      // Same client folder name with "-pg", relative to this schema's own folder.
      const target = `${path.resolve(prismaDir, output)}-pg`;
      return `output   = "${path.relative(pgDir, target).split(path.sep).join("/")}"`;
    }),
  );
  const header = "// GENERATED from prisma/schema.prisma by prisma/postgres/generate.mjs: do not edit.\n";
  return header + out;
}

/** Writes prisma/postgres/schema.prisma when its content changed; returns its path. */
export function writePostgresSchema() {
  const text = derivePostgresSchema(fs.readFileSync(SOURCE_SCHEMA, "utf8"));
  if (!fs.existsSync(PG_SCHEMA) || fs.readFileSync(PG_SCHEMA, "utf8") !== text) fs.writeFileSync(PG_SCHEMA, text);
  return PG_SCHEMA;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${path.relative(process.cwd(), writePostgresSchema())}`);
}
