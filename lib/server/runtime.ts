import "server-only";
import { getEnv } from "@/lib/env";
import { ensureFirstAdmin } from "@/lib/server/auth/first-admin";
import { getDb } from "@/lib/server/db/client";
import { startRetentionJob } from "@/lib/server/db/retention-job";
import { startCheckRecorder } from "@/lib/server/checks/check-recorder";
import { startProbeSchedule } from "@/lib/server/checks/probe-schedule";
import { getSecretBox } from "@/lib/server/crypto/secrets";
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
  const stopRetention = startRetentionJob(db, console.log);
  const stopProbes = startProbeSchedule(db, env, getSecretBox(), console.log);
  const stopRecorder = startCheckRecorder(db, env, getSecretBox(), console.log);
  const shutdown = async (signal: string) => {
    console.log(`[edgescope] ${signal}: stopping the poller and finishing writes`);
    stopRetention();
    stopProbes();
    stopRecorder();
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
