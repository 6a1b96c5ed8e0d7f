import "server-only";
import type { CheckResult } from "@/lib/domain/checks";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { getDeploymentChecks } from "./deployment-checks";
import { getProbeRunner } from "./probe-runner";

/** Writes the checks whose status differs from the last one recorded; returns how many changed. */
export async function recordCheckStates(db: Db, deploymentId: string, checks: CheckResult[], at = new Date()): Promise<number> {
  const last = await db.checkState.findMany({
    where: { deploymentId },
    distinct: ["checkId"],
    orderBy: [{ checkId: "asc" }, { at: "desc" }],
    select: { checkId: true, status: true },
  });
  const previous = new Map(last.map((r) => [r.checkId, r.status]));
  const changed = checks.filter((c) => previous.get(c.id) !== c.status);
  if (changed.length) {
    await db.checkState.createMany({ data: changed.map((c) => ({ deploymentId, checkId: c.id, status: c.status, summary: c.summary.slice(0, 500), at })) });
  }
  return changed.length;
}

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
