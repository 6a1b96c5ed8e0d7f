import "server-only";
import { getEnv } from "@/lib/env";
import { ensureFirstAdmin } from "@/lib/server/auth/first-admin";
import { getDb } from "@/lib/server/db/client";
import { startJobs } from "@/lib/server/jobs";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { newInstanceId } from "@/lib/server/poller/leases";
import { getPoller } from "@/lib/server/poller/instance";
import { closeAgents } from "@/lib/server/transport/agent-pool";

/** Starts background work of the server process and stops it cleanly on SIGTERM/SIGINT. */
export async function startServerRuntime(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (err) {
    // Next would keep serving errors on every request; a bad setting must stop the start instead.
    console.error((err as Error).message);
    process.exit(1);
  }
  const db = getDb();
  await ensureFirstAdmin(db, env.EDGESCOPE_ADMIN_PASSWORD, console.log);
  if (env.EDGESCOPE_POLLER === "on") getPoller().start();
  // Retention, probe schedule, check recorder, alert evaluator and sender (lib/server/jobs).
  const stopJobs = startJobs({ db, env, box: getSecretBox(), instanceId: newInstanceId(), log: console.log });
  const shutdown = async (signal: string) => {
    console.log(`[edgescope] ${signal}: stopping the poller and finishing writes`);
    stopJobs();
    await getPoller().stop();
    await closeAgents();
    await db.$disconnect();
    console.log("[edgescope] stopped cleanly");
    process.exit(0);
  };
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    console.warn("[edgescope] NEXT_MANUAL_SIG_HANDLE is not set: Next.js may exit on SIGTERM before polls finish writing (use `npm start`)");
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
