import "server-only";
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/server/db/client";
import { isDraining } from "@/lib/server/lifecycle";
import { getPoller } from "@/lib/server/poller/instance";
import type { PollerState } from "@/lib/server/poller/poller";

export interface Health {
  /** "draining": the process is stopping (SIGTERM) and should get no new traffic. */
  status: "ok" | "degraded" | "draining";
  database: { ok: boolean; latencyMs: number | null; error?: string };
  poller: PollerState & { enabled: boolean };
}

export async function getHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    database = { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    database = { ok: false, latencyMs: null, error: (err as Error).message };
  }
  const poller = { enabled: getEnv().EDGESCOPE_POLLER === "on", ...getPoller().state() };
  return { status: isDraining() ? "draining" : database.ok ? "ok" : "degraded", database, poller };
}
