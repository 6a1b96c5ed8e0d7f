import crypto from "node:crypto";
import { parseEnv, type Env } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { parseKey, SecretBox } from "@/lib/server/crypto/secret-box";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab, type LabOptions } from "@/lib/server/lab/lab";
import { Poller } from "@/lib/server/poller/poller";
import { createTestDb, type TestDb } from "./test-db";

export interface LabFixture {
  lab: Lab;
  t: TestDb;
  box: SecretBox;
  env: Env;
  poller: Poller;
  deploymentId: string;
  nodeId(key: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A running lab, a fresh database seeded with its deployment, and a poller (not started). The
 * lab's CMS answers one item per page by default, so every CMS collection really pages.
 */
export async function startLabFixture(
  envOverrides: Record<string, string> = {},
  labOptions: LabOptions = { cmsMaxPageSize: 1 },
): Promise<LabFixture> {
  const lab = await startLab(labOptions);
  const t = await createTestDb();
  // One key for the fixture's box and the env, so a server started with f.env opens the seeded passwords.
  const key = envOverrides.EDGESCOPE_SECRET_KEY ? parseKey(envOverrides.EDGESCOPE_SECRET_KEY) : crypto.randomBytes(32);
  const box = new SecretBox(key);
  // The key goes in the env too: a PostgreSQL DATABASE_URL requires one.
  const env = parseEnv({
    DATABASE_URL: t.url,
    EDGESCOPE_SECRET_KEY: key.toString("hex"),
    EDGESCOPE_HTTP_TIMEOUT_MS: "1500",
    ...envOverrides,
  });
  const deploymentId = await seedLabDeployment(t.db, box, lab);
  const poller = new Poller({ db: t.db, box, env, collectors: COLLECTORS });
  return {
    lab,
    t,
    box,
    env,
    poller,
    deploymentId,
    async nodeId(key) {
      const name = lab.nodes.find((n) => n.key === key)!.name;
      return (await t.db.node.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
    },
    async stop() {
      await poller.stop();
      await lab.stop();
      await t.cleanup();
    },
  };
}
