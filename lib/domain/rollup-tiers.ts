// Rollup tiers (pure): bucket starts per tier and which stored resolution answers a chart query.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type TierId = "1m" | "1h" | "1d";
/** Where a history query reads from: raw samples or one rollup tier. */
export type HistorySource = "raw" | TierId;

/** Finest first. Buckets are aligned on the UTC epoch, so a day is a UTC day. */
export const TIERS: readonly { id: TierId; ms: number }[] = [
  { id: "1m", ms: MINUTE_MS },
  { id: "1h", ms: HOUR_MS },
  { id: "1d", ms: DAY_MS },
];

/** Start (ms) of the bucket of width `widthMs` holding `tsMs`. */
export function bucketStart(tsMs: number, widthMs: number): number {
  return Math.floor(tsMs / widthMs) * widthMs;
}

/** How far back each source still has data (days kept by retention). */
export interface SourceRetention {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  dayDays: number;
}

const SOURCES: readonly { id: HistorySource; ms: number; days: (r: SourceRetention) => number }[] = [
  { id: "raw", ms: 0, days: (r) => r.rawDays },
  { id: "1m", ms: MINUTE_MS, days: (r) => r.minuteDays },
  { id: "1h", ms: HOUR_MS, days: (r) => r.hourDays },
  { id: "1d", ms: DAY_MS, days: (r) => r.dayDays },
];

/**
 * Picks the source for a chart of `bucketMs` buckets over [fromMs, …): the coarsest tier whose
 * width divides the bucket (fewest rows to read), raw samples only below one minute. When
 * retention has already trimmed that source at `fromMs`, it steps to the next coarser source
 * that still covers it and widens the bucket to that tier, so an old range shows coarser points
 * instead of a hole.
 */
export function chooseHistorySource(bucketMs: number, fromMs: number, nowMs: number, retention: SourceRetention): { source: HistorySource; bucketMs: number } {
  let i = 0;
  for (let j = SOURCES.length - 1; j > 0; j--) {
    if (bucketMs % SOURCES[j]!.ms === 0) {
      i = j;
      break;
    }
  }
  while (i < SOURCES.length - 1 && nowMs - SOURCES[i]!.days(retention) * DAY_MS > fromMs) i++;
  const s = SOURCES[i]!;
  return { source: s.id, bucketMs: Math.max(bucketMs, s.ms) };
}
