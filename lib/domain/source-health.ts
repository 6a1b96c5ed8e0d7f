// How healthy the data of one source is, from what the status API says (pure).
import type { SourceStatus } from "./api-types";

export type Health = "ok" | "warn" | "failing" | "stale" | "unknown";

/** Order for "worst first" sorting. */
export const HEALTH_RANK: Record<Health, number> = { failing: 0, stale: 1, unknown: 2, warn: 3, ok: 4 };

export function sourceHealth(s: SourceStatus): Health {
  if (!s.lastRun) return "unknown";
  if (s.lastRun.outcome !== "ok") return "failing";
  if (s.stale) return "stale";
  return "ok";
}

export function worstOf(list: Health[]): Health {
  return list.reduce<Health>((w, h) => (HEALTH_RANK[h] < HEALTH_RANK[w] ? h : w), "ok");
}
