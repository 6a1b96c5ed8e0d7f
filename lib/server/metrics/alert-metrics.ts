import "server-only";
import { Gauge, type Registry } from "prom-client";
import type { Db } from "@/lib/server/db/client";
import { isMuted, mutedByMaintenance } from "@/lib/server/alerts/maintenance";

// Alerts that have fired and not resolved (states firing and recovering, as the board's bell
// counts them), split the way the Alerts page splits them: silenced (by someone, or by a
// maintenance window) or not, so the two gauges never count an alert twice. Pending alerts have
// not fired and resolved ones are over: neither is counted.

/** The kinds and severities the evaluator writes (lib/server/alerts/evaluator.ts); one zero series each per deployment. */
const SERIES = [
  { kind: "check", severity: "fail" },
  { kind: "check", severity: "warn" },
  { kind: "poll", severity: "fail" },
  { kind: "stale", severity: "stale" },
] as const;
const KINDS: ReadonlySet<string> = new Set(SERIES.map((s) => s.kind));
const SEVERITIES: ReadonlySet<string> = new Set(SERIES.map((s) => s.severity));
/** Labels come from closed sets only: anything else in a row is shown as "invalid", never as text. */
const closed = (set: ReadonlySet<string>, value: string) => (set.has(value) ? value : "invalid");

/** Registers the alert gauges for this instant in `registry` (a fresh one per scrape). */
export async function collectAlertMetrics(registry: Registry, db: Db, now = new Date()): Promise<void> {
  const labelNames = ["deployment", "kind", "severity"] as const;
  const firing = new Gauge({
    name: "edgescope_alerts_firing",
    help: "Alerts firing now (fired, not resolved) and not silenced or in a maintenance window.",
    labelNames,
    registers: [registry],
  });
  const silenced = new Gauge({
    name: "edgescope_alerts_silenced",
    help: "Alerts firing now whose messages are muted: silenced by someone or in a maintenance window.",
    labelNames,
    registers: [registry],
  });
  const [deployments, live, maintenance] = await Promise.all([
    db.deployment.findMany({ select: { id: true } }),
    db.alert.findMany({
      where: { state: { in: ["firing", "recovering"] } },
      select: { deploymentId: true, kind: true, severity: true, silencedUntil: true },
    }),
    mutedByMaintenance(db, now),
  ]);
  // Only deployments that exist, like every other per-deployment series: an alert of a deleted
  // one resolves at the next evaluation.
  const known = new Set(deployments.map((d) => d.id));
  for (const deployment of known)
    for (const s of SERIES) {
      firing.set({ deployment, ...s }, 0);
      silenced.set({ deployment, ...s }, 0);
    }
  for (const a of live) {
    if (!known.has(a.deploymentId)) continue;
    const muted = isMuted(a, maintenance, now);
    (muted ? silenced : firing).inc({
      deployment: a.deploymentId,
      kind: closed(KINDS, a.kind),
      severity: closed(SEVERITIES, a.severity),
    });
  }
}
