import crypto from "node:crypto";
import { inject } from "vitest";
import { createDatabase, dropDatabase, startTempCluster } from "../../prisma/postgres/cluster.mjs";

// A real PostgreSQL for the storage tests. The vitest project "integration-pg" starts one
// throwaway cluster (postgres-global-setup.ts) and every test file makes its own databases in
// it. Missing server binaries fail the run with an install hint: these tests never skip.

declare module "vitest" {
  export interface ProvidedContext {
    /** postgresql:// URL of the cluster's "postgres" database, as its superuser. */
    pgAdminUrl: string;
  }
}

export { startTempCluster };

/** True in the "integration-pg" project: createTestDb() then gives PostgreSQL databases. */
export function testingOnPostgres(): boolean {
  return process.env.EDGESCOPE_TEST_DB === "postgresql";
}

function adminUrl(): string {
  const url = inject("pgAdminUrl");
  if (!url)
    throw new Error(
      "no PostgreSQL cluster: run this file through the vitest project integration-pg (see vitest.config.ts)",
    );
  return url;
}

/** A new empty database in the test cluster; `drop()` removes it even with clients still connected. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `edgescope_${crypto.randomBytes(6).toString("hex")}`;
  const url = await createDatabase(adminUrl(), name);
  return { url, drop: () => dropDatabase(adminUrl(), name) };
}
