import "server-only";
import { getEnv } from "@/lib/env";
import { getPoller } from "@/lib/server/poller/instance";
import { closeAgents } from "@/lib/server/transport/agent-pool";
import { getDb } from "@/lib/server/db/client";

/** Starts background work of the server process and stops it cleanly on SIGTERM/SIGINT. */
export async function startServerRuntime(): Promise<void> {
  const env = getEnv(); // fail fast on bad configuration, before serving anything
  if (env.EDGESCOPE_POLLER === "on") getPoller().start();
  const shutdown = async (signal: string) => {
    console.log(`[edgescope] ${signal}: stopping the poller and finishing writes`);
    await getPoller().stop();
    await closeAgents();
    await getDb().$disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
