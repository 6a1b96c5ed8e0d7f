import "server-only";
import { getEnv } from "@/lib/env";
import { ensureFirstAdmin } from "@/lib/server/auth/first-admin";
import { getDb } from "@/lib/server/db/client";
import { warnIfKeyFileLost } from "@/lib/server/crypto/key-check";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { installRequestStamp } from "@/lib/server/http/incoming-request";
import { startJobs } from "@/lib/server/jobs";
import { markDraining, withinCap } from "@/lib/server/lifecycle";
import { newInstanceId } from "@/lib/server/poller/leases";
import { getPoller } from "@/lib/server/poller/instance";
import { closeAgents } from "@/lib/server/transport/agent-pool";
import { startProvisioning } from "@/lib/server/provisioning/provision-runtime";

/**
 * Longest wait at SIGTERM for poll cycles in flight: a node that stalls must not hold the stop
 * for its full HTTP timeout per request (orchestrators kill after ~30 s anyway). A cycle cut
 * short loses only its own unwritten poll (each cycle is one transaction).
 */
const SHUTDOWN_CAP_MS = 10_000;

/** Starts background work of the server process and stops it cleanly on SIGTERM/SIGINT. */
export async function startServerRuntime(): Promise<void> {
  installRequestStamp(); // before any request: client address from the socket, malformed paths flagged
  let env;
  try {
    env = getEnv();
  } catch (err) {
    // Next would keep serving errors on every request; a bad setting must stop the start instead.
    console.error((err as Error).message);
    process.exit(1);
  }
  const db = getDb();
  await warnIfKeyFileLost(db, env, console.error);
  try {
    getSecretBox(); // a key file that cannot be read stops the start, like a bad setting
  } catch (err) {
    console.error(
      `[edgescope] cannot load the secret key (EDGESCOPE_SECRET_KEY / EDGESCOPE_KEY_FILE): ${(err as Error).message}`,
    );
    process.exit(1);
  }
  await ensureFirstAdmin(db, env.EDGESCOPE_ADMIN_PASSWORD, console.log);
  const instanceId = newInstanceId();
  // Deployments as code: applied before polling starts; an invalid file stops the start.
  if (env.EDGESCOPE_PROVISION)
    await startProvisioning({
      db,
      box: getSecretBox(),
      file: env.EDGESCOPE_PROVISION,
      holder: instanceId,
      log: console.log,
      error: console.error,
    });
  if (env.EDGESCOPE_POLLER === "on") getPoller().start();
  // Retention, probe schedule, check recorder, alert evaluator and sender (lib/server/jobs).
  const stopJobs = startJobs({ db, env, box: getSecretBox(), instanceId, log: console.log });
  const shutdown = async (signal: string) => {
    markDraining(); // /api/health answers 503 "draining" from now on
    console.log(
      `[edgescope] ${signal}: stopping the poller and finishing writes (at most ${SHUTDOWN_CAP_MS / 1000} s)`,
    );
    stopJobs();
    if (!(await withinCap(getPoller().stop(), SHUTDOWN_CAP_MS))) {
      console.warn(
        `[edgescope] poll cycles still in flight after ${SHUTDOWN_CAP_MS / 1000} s: stopping without them (their polls are not written)`,
      );
    }
    await withinCap(closeAgents(), 2_000);
    await db.$disconnect();
    console.log("[edgescope] stopped cleanly");
    process.exit(0);
  };
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    console.warn(
      "[edgescope] NEXT_MANUAL_SIG_HANDLE is not set: Next.js may exit on SIGTERM before polls finish writing (use `npm start`)",
    );
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
