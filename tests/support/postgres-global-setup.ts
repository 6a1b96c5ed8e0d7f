import type { TestProject } from "vitest/node";
import { startTempCluster } from "../../prisma/postgres/cluster.mjs";

/** One PostgreSQL cluster for the whole "integration-pg" project run (initdb + start: about 1 s). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startTempCluster({ prefix: "edgescope-test-pg-" });
  project.provide("pgAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}
