// Rollup tiers (pure): the stored resolutions and bucket starts per tier. Which of them answers a
// chart is decided with the chart's bucket, in lib/domain/charts.ts (historyBuckets).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Width of a raw-sample chart bucket: the relay and turnServer poll interval (10 s). */
export const RAW_BUCKET_MS = 10_000;

export type TierId = "1m" | "5m" | "15m" | "1h" | "6h" | "1d";
/** Where a history query reads from: raw samples or one rollup tier. */
export type HistorySource = "raw" | TierId;

/**
 * Finest first. Buckets are aligned on the UTC epoch, so a day is a UTC day. Each tier is the
 * chart bucket of a range preset at ≤ 1000 points (lib/domain/charts.ts), so a chart point is one
 * stored row per series and nothing is re-aggregated: 24 h → 5 min, 7 d → 15 min, 30 d → 1 h,
 * 90 d → 6 h, 1 y → 1 d; 1 min serves ranges of 3–16 h. 6 h rather than 3 h: it serves every
 * range from 6 weeks to 8 months (3 h would stop at 4 months and leave 4–13 months at daily), at
 * half the rows. Each tier costs one more upsert per node per poll cycle, so no more than these.
 */
export const TIERS: readonly { id: TierId; ms: number }[] = [
  { id: "1m", ms: MINUTE_MS },
  { id: "5m", ms: 5 * MINUTE_MS },
  { id: "15m", ms: 15 * MINUTE_MS },
  { id: "1h", ms: HOUR_MS },
  { id: "6h", ms: 6 * HOUR_MS },
  { id: "1d", ms: DAY_MS },
];

/** Every source a chart can read, finest first, with its bucket width. */
export const HISTORY_SOURCES: readonly { id: HistorySource; ms: number }[] = [
  { id: "raw", ms: RAW_BUCKET_MS },
  ...TIERS,
];

/** Start (ms) of the bucket of width `widthMs` holding `tsMs`. */
export function bucketStart(tsMs: number, widthMs: number): number {
  return Math.floor(tsMs / widthMs) * widthMs;
}
