import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        // Integration and browser tests start real processes and peers; they run one file at a time
        // so two files never fight over CPU-bound timeouts on a 2-core machine.
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/browser/**/*.test.ts"],
          exclude: ["tests/integration/postgres/**"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        // The storage tests again, on a real PostgreSQL (createTestDb() follows EDGESCOPE_TEST_DB),
        // plus the PostgreSQL-only ones. After the other projects, so the servers never compete.
        test: {
          name: "integration-pg",
          include: [
            "tests/integration/postgres/**/*.test.ts",
            ...[
              "poller",
              "leases",
              "history",
              "history-rtt",
              "retention",
              "bulk-insert",
              "snapshot-store",
              "check-states",
              "rollups",
              "board",
              "group-commit",
              "latest-many",
              "login-limits",
              "alerts-lab",
              "alert-crash",
              "alert-recovery-time",
              "provisioning",
            ].map((f) => `tests/integration/${f}.test.ts`),
          ],
          environment: "node",
          env: { EDGESCOPE_TEST_DB: "postgresql" },
          globalSetup: ["tests/support/postgres-global-setup.ts"],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
