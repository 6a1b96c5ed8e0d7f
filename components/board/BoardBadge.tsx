import type { Health } from "@/lib/domain/source-health";

// The board's health badge: big enough for a wall, one width so the rows line up, and stale
// striped so it never reads as red (failing) or yellow (warn) from across the room, in either theme.
const STYLES: Record<Health, string> = {
  ok: "bg-emerald-600 text-white",
  warn: "bg-yellow-300 text-slate-950",
  failing: "bg-red-600 text-white",
  stale: "bg-[repeating-linear-gradient(135deg,#f59e0b_0_0.5rem,#fde68a_0.5rem_1rem)] text-slate-950",
  unknown: "bg-slate-500 text-white",
};
const LABELS: Record<Health, string> = {
  ok: "OK",
  warn: "Warn",
  failing: "Failing",
  stale: "Stale",
  unknown: "No data",
};

/** tile: a tile's overall badge · row: an area row's (fills its column) · the compact- sizes: the same on a compact tile. */
const SIZES = {
  tile: "px-3 py-1 text-xl",
  row: "w-full px-2 py-0.5 text-base",
  "compact-tile": "px-2 py-0.5 text-lg leading-7",
  "compact-row": "w-full px-1 text-sm leading-6",
} as const;

export function BoardBadge({
  health,
  size = "row",
  className = "",
}: {
  health: Health;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  return (
    <span
      data-health={health}
      className={`inline-block shrink-0 rounded-md text-center font-bold uppercase tracking-wide ${SIZES[size]} ${STYLES[health]} ${className}`}
    >
      {LABELS[health]}
    </span>
  );
}
