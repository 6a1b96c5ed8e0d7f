// When data stops being trustworthy (pure; used by the API and the board).

/** Data is stale after this many missed intervals: one late poll is noise, three is an outage. */
export const STALE_AFTER_INTERVALS = 3;

export function isStale(lastOkMs: number | null, intervalMs: number, nowMs: number): boolean {
  return lastOkMs === null || nowMs - lastOkMs > STALE_AFTER_INTERVALS * intervalMs;
}

/** "12 s", "4 min", "3 h", "2 d" — compact ages for tiles. */
export function formatAge(ms: number | null): string {
  if (ms === null) return "never";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}
