import "server-only";
import type { Db } from "./client";
import { runRetention } from "./retention";
import { getSettings } from "@/lib/server/settings/settings-store";

/** Hourly is plenty for day-granular limits, and keeps each run small. */
const RETENTION_EVERY_MS = 3_600_000;
/** First run shortly after start, not during it. */
const FIRST_RUN_AFTER_MS = 60_000;

export function startRetentionJob(db: Db, log: (line: string) => void): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await runRetention(db, await getSettings(db));
      const total = Object.values(deleted).reduce((a, b) => a + b, 0);
      if (total > 0) log(`[edgescope] retention deleted ${JSON.stringify(deleted)}`);
    } catch (err) {
      log(`[edgescope] retention failed (will retry): ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, FIRST_RUN_AFTER_MS);
  const every = setInterval(run, RETENTION_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
