import "server-only";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { getDeploymentChecks } from "./deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { recordCheckStates } from "./check-states";

/** Often enough to date a change within a minute; checks are cheap with cached probe results. */
const RECORD_EVERY_MS = 60_000;

/** Evaluates every deployment's checks (cached probes) each minute and records the changes. */
export function startCheckRecorder(db: Db, env: Env, box: SecretBox, log: (line: string) => void): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (const { id } of await db.deployment.findMany({ select: { id: true } })) {
        const { checks } = await getDeploymentChecks(db, env, box, id, { probes: "cached", runner: getProbeRunner() });
        await recordCheckStates(db, id, checks);
      }
    } catch (err) {
      log(`[edgescope] recording check states failed (will retry): ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), RECORD_EVERY_MS);
  timer.unref();
  const first = setTimeout(() => void run(), 20_000); // after the first polls have landed
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
