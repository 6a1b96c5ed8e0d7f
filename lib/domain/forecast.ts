// Capacity forecast for managers: daily peaks, a plain least-squares line through them, the days
// until that line meets the limit, and the 95th-percentile busy hour. Pure; unit-tested with small
// tables (tests/unit/forecast.test.ts). See docs/capacity.md for the method and its limits.

export interface TimedValue {
  /** Epoch ms of the start of the hour (or sample time). */
  ts: number;
  value: number;
}

export interface DailyPeak {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  dayStartMs: number;
  peak: number;
}

export interface LinearFit {
  /** Change per day. */
  slope: number;
  /** Value at day index 0 (the first daily peak). */
  intercept: number;
  /** Days the fit used. */
  n: number;
}

export interface Forecast {
  peaks: DailyPeak[];
  fit: LinearFit | null;
  /** Fitted value per daily peak, same order. */
  fitted: number[];
  limit: number | null;
  /** Days from the last daily peak until the line reaches the limit; 0 when already there; null when it never does (flat or falling) or unknown. */
  daysUntilLimit: number | null;
  busyHour: { hour: number; p95: number } | null;
  /** Why the forecast should not be trusted, shown next to it. */
  warnings: string[];
}

const DAY_MS = 86_400_000;
/** Fewer daily peaks than this and a line says little: one busy week would swing it. */
export const MIN_DAYS_FOR_TREND = 7;

const dayKey = (ms: number) => new Date(ms - (ms % DAY_MS)).toISOString().slice(0, 10);

/** Highest value of each UTC day, oldest first. */
export function dailyPeaks(points: readonly TimedValue[]): DailyPeak[] {
  const by = new Map<number, number>();
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue;
    const start = p.ts - (((p.ts % DAY_MS) + DAY_MS) % DAY_MS);
    by.set(start, Math.max(by.get(start) ?? -Infinity, p.value));
  }
  return [...by]
    .sort((a, b) => a[0] - b[0])
    .map(([dayStartMs, peak]) => ({ day: dayKey(dayStartMs), dayStartMs, peak }));
}

/** Ordinary least squares of y on x; null with fewer than two points or all x equal. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0,
    sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const mx = sx / n,
    my = sy / n;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, n };
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Hour of the UTC day whose 95th-percentile value (over the days seen) is highest. */
export function busyHour(hourly: readonly TimedValue[]): { hour: number; p95: number } | null {
  const byHour = new Map<number, number[]>();
  for (const p of hourly) {
    if (!Number.isFinite(p.value)) continue;
    const h = new Date(p.ts).getUTCHours();
    byHour.set(h, [...(byHour.get(h) ?? []), p.value]);
  }
  let best: { hour: number; p95: number } | null = null;
  for (const [hour, vals] of [...byHour].sort((a, b) => a[0] - b[0])) {
    const p95 = percentile(vals, 95);
    if (!best || p95 > best.p95) best = { hour, p95 };
  }
  return best;
}

/** Day index of each peak counted from the first one, so gaps in the data keep their width. */
const dayIndex = (peaks: DailyPeak[]) => peaks.map((p) => Math.round((p.dayStartMs - peaks[0]!.dayStartMs) / DAY_MS));

/**
 * `window`: the chosen range. A day only partly inside it (the range's first day, and today) is
 * left out: its peak is not a whole day's peak (today at 06:00 has not had its busy hour yet), and
 * one low last point bends a short line a long way.
 */
export function forecast(
  hourlyPeaks: readonly TimedValue[],
  limit: number | null,
  window?: { from: number; to: number },
): Forecast {
  const whole = (p: DailyPeak) => !window || (p.dayStartMs >= window.from && p.dayStartMs + DAY_MS <= window.to);
  const peaks = dailyPeaks(hourlyPeaks).filter(whole);
  const warnings: string[] = [];
  const xs = peaks.length ? dayIndex(peaks) : [];
  const fit = linearFit(
    xs,
    peaks.map((p) => p.peak),
  );
  const fitted = fit ? xs.map((x) => fit.intercept + fit.slope * x) : [];
  if (peaks.length < MIN_DAYS_FOR_TREND)
    warnings.push(
      `Only ${peaks.length} day${peaks.length === 1 ? "" : "s"} with data: at least ${MIN_DAYS_FOR_TREND} are needed before the trend means much.`,
    );
  let daysUntilLimit: number | null = null;
  if (fit && limit !== null && limit > 0) {
    const lastX = xs[xs.length - 1]!;
    const atLast = fit.intercept + fit.slope * lastX;
    if (atLast >= limit) daysUntilLimit = 0;
    else if (fit.slope > 0) daysUntilLimit = Math.ceil((limit - atLast) / fit.slope);
  }
  if (limit === null) warnings.push("No limit known for this series, so no date can be given.");
  return { peaks, fit, fitted, limit, daysUntilLimit, busyHour: busyHour(hourlyPeaks), warnings };
}

const csvNum = (v: number | null | undefined) =>
  v === null || v === undefined ? "" : String(Math.round(v * 100) / 100);

/** CSV of one series' forecast: one row per day with the daily peak and the fitted line. */
export function forecastCsv(series: string, f: Forecast): string {
  const rows = f.peaks.map((p, i) => [series, p.day, csvNum(p.peak), csvNum(f.fitted[i]), csvNum(f.limit)].join(","));
  return ["series,day,daily_peak,fitted,limit", ...rows].join("\n") + "\n";
}

/** One capacity series of a deployment with its forecast (GET /api/deployments/{id}/forecast). */
export interface ForecastSeries {
  key: string;
  label: string;
  kind: "relays" | "load";
  /** Where the limit comes from, in words (e.g. "default 1800 relays (Cisco Small/Medium)"). */
  limitSource: string;
  forecast: Forecast;
}

export interface ForecastResponse {
  from: string;
  to: string;
  series: ForecastSeries[];
}
