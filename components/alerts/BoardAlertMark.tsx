import type { ReactNode } from "react";
import type { BoardAlertMarks } from "@/lib/domain/alerts/types";

/**
 * Wraps a board tile: a bell with the number of firing alerts on its top corner (outside the
 * tile's padding, so it never hides the name or the badge), and a striped "maintenance" band
 * above the tile while the deployment is in a window. It leaves the tile itself alone, so tile
 * layout stays the tile's own business.
 */
export function BoardAlertMark({
  id,
  marks,
  children,
}: {
  id: string;
  marks: BoardAlertMarks | undefined;
  children: ReactNode;
}) {
  const firing = marks?.firing[id] ?? 0;
  const maintenance = marks?.maintenance.includes(id) ?? false;
  return (
    <div
      className="relative flex flex-col"
      data-testid="tile-alert-mark"
      data-firing={firing}
      data-maintenance={maintenance}
    >
      {maintenance && (
        <div className="rounded-t-xl bg-[repeating-linear-gradient(45deg,#0284c7_0_10px,#0c4a6e_10px_20px)] py-0.5 text-center text-sm font-bold uppercase tracking-wider text-white">
          maintenance
        </div>
      )}
      <div className="grid flex-1">{children}</div>
      {firing > 0 && (
        <span
          role="img"
          title={`${firing} firing alert${firing > 1 ? "s" : ""}`}
          aria-label={`${firing} firing alerts`}
          className="pointer-events-none absolute -right-3 -top-3 flex h-7 min-w-7 items-center justify-center gap-0.5 rounded-full bg-red-600 px-1.5 text-sm font-bold text-white shadow-lg ring-2 ring-white dark:ring-slate-950"
        >
          <svg viewBox="0 0 24 24" className="h-4 w-4 fill-current" aria-hidden="true">
            <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
          </svg>
          {firing}
        </span>
      )}
    </div>
  );
}
