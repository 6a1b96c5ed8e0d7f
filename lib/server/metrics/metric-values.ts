// How states become numbers in /metrics (isomorphic, no I/O): one place, quoted in the HELP texts
// and in docs/integrations.md, so a Grafana value mapping and an alert rule read them the same way.
import type { CheckStatus } from "@/lib/domain/checks";
import type { Health } from "@/lib/domain/source-health";

/** Higher is worse, except unknown, which is last so `== 2` always means a failed check. */
export const CHECK_STATUS_VALUE: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2, unknown: 3 };
export const HEALTH_VALUE: Record<Health, number> = { ok: 0, warn: 1, failing: 2, stale: 3, unknown: 4 };

export const describeValues = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");

/**
 * A value that came from a node (a TURN host address) may be a label only if it looks like an
 * address: a hostile node must not be able to fill Prometheus with free text.
 */
export function addressLabel(value: string): string {
  return /^[0-9A-Za-z.:[\]-]{1,64}$/.test(value) ? value : "invalid";
}
