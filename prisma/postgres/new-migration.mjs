// Writes the next PostgreSQL migration for whatever prisma/schema.prisma adds, against a
// throwaway cluster (no server to set up): npm run db:new-migration:pg -- <name>
// Run it after `npm run db:new-migration -- <name>` (SQLite), so both histories follow the schema.
import { dev } from "../migrate.mjs";
import { startTempCluster } from "./cluster.mjs";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:new-migration:pg -- <name>");
  process.exit(2);
}
let cluster;
try {
  cluster = await startTempCluster({ prefix: "edgescope-pg-migration-" });
  await dev(name, await cluster.createDatabase("edgescope"));
} catch (err) {
  console.error(`migration failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  await cluster?.stop();
}
process.exit(); // the engine's leftover timer (see migrate.mjs) would hold the process 10 s
