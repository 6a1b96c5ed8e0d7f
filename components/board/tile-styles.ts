// Colours shared by both tile densities.

// Frames by health. Failing is solid red on a red-tinted tile; stale is a dashed amber frame on a
// plain tile (striped badge, "STALE" footer): the two must never be confused, in either theme.
export const FRAME = {
  ok: "border-solid border-emerald-600 bg-white dark:bg-slate-900",
  warn: "border-solid border-yellow-300 bg-white dark:bg-slate-900",
  failing: "border-solid border-red-600 bg-red-50 dark:bg-red-950/60",
  stale: "border-dashed border-amber-500 bg-white dark:bg-slate-900",
  unknown: "border-solid border-slate-500 bg-white dark:bg-slate-900",
} as const;

/** The "since" text of an area, by its health (green has none). */
export const SINCE_TEXT = {
  ok: "",
  warn: "text-yellow-700 dark:text-yellow-200",
  failing: "font-semibold text-red-700 dark:text-red-300",
  stale: "font-semibold text-amber-700 dark:text-amber-300",
  unknown: "text-slate-600 dark:text-slate-300",
} as const;

/** The data-age footer: bold amber when the tile is stale. */
export const AGE_TEXT = {
  stale: "font-bold text-amber-700 dark:text-amber-300",
  other: "text-slate-600 dark:text-slate-400",
} as const;
