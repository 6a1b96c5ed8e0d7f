import type { ReactNode } from "react";
import type { BoardAlertMarks } from "@/lib/domain/alerts/types";

/**
 * Wraps a board tile: a bell with the number of firing alerts in its top corner, and a striped
 * "maintenance" band across its top while the deployment is in a window. It overlays the tile
 * rather than changing it, so tile layout and height stay the tile's own business.
 */
export function BoardAlertMark({ id, marks, children }: { id: string; marks: BoardAlertMarks | undefined; children: ReactNode }) {
  const firing = marks?.firing[id] ?? 0;
  const maintenance = marks?.maintenance.includes(id) ?? false;
  return (
    <div className="relative grid" data-testid="tile-alert-mark" data-firing={firing} data-maintenance={maintenance}>
      {children}
      {maintenance && (
        <span className="pointer-events-none absolute inset-x-0 top-0 rounded-t-xl bg-[repeating-linear-gradient(45deg,#0284c7_0_10px,#0c4a6e_10px_20px)] py-0.5 text-center text-sm font-bold uppercase tracking-wider text-white">maintenance</span>
      )}
      {firing > 0 && (
        <span title={`${firing} firing alert${firing > 1 ? "s" : ""}`} aria-label={`${firing} firing alerts`}
          className="pointer-events-none absolute -right-2 -top-2 flex h-9 min-w-9 items-center justify-center gap-0.5 rounded-full bg-red-600 px-2 text-base font-bold text-white shadow-lg ring-2 ring-white dark:ring-slate-950">
          <svg viewBox="0 0 24 24" className="h-5 w-5 fill-current" aria-hidden="true"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" /></svg>
          {firing}
        </span>
      )}
    </div>
  );
}
