import "server-only";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { recordCheckStates } from "@/lib/server/checks/check-states";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "./probe-runner";

/**
 * Keeps probe results fresh for the board and the checks API: every interval, each deployment's
 * checks run with probes. Deployments go one after another, so probes never pile up.
 */
export function startProbeSchedule(db: Db, env: Env, box: SecretBox, log: (line: string) => void): () => void {
  if (env.EDGESCOPE_PROBE_INTERVAL_MS === 0) return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (const { id } of await db.deployment.findMany({ select: { id: true } })) {
        await getDeploymentChecks(db, env, box, id, { probes: "run", runner: getProbeRunner() })
          .then((r) => recordCheckStates(db, id, r.checks))
          .catch((err: Error) => log(`[edgescope] scheduled probes of ${id} failed: ${err.message}`));
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), env.EDGESCOPE_PROBE_INTERVAL_MS);
  timer.unref();
  const first = setTimeout(() => void run(), 15_000); // after start-up, not during it
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
