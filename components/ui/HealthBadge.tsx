import type { Health } from "@/lib/domain/source-health";

const STYLES: Record<Health, string> = {
  ok: "bg-emerald-600 text-white",
  warn: "bg-yellow-400 text-slate-950",
  failing: "bg-red-600 text-white",
  stale: "bg-amber-500 text-slate-950",
  unknown: "bg-slate-500 text-white",
};
const LABELS: Record<Health, string> = {
  ok: "OK",
  warn: "Warn",
  failing: "Failing",
  stale: "Stale",
  unknown: "No data",
};

export function HealthBadge({ health }: { health: Health }) {
  return (
    <span
      data-health={health}
      className={`inline-block rounded px-2 py-0.5 text-sm font-semibold uppercase tracking-wide ${STYLES[health]}`}
    >
      {LABELS[health]}
    </span>
  );
}
