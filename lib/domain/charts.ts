// Chart shaping (pure): which stored resolution and bucket a chart reads, packed rows to points
// (gap filling), and number formatting.
import type { HistoryResponse } from "./api-types";
import { bucketStart, DAY_MS, HISTORY_SOURCES, type HistorySource } from "./rollup-tiers";

/** Most points a chart series gets; more would not be visible and would slow the browser. */
export const MAX_POINTS = 1000;

/**
 * Bucket widths a chart may use; the smallest one that keeps a range within MAX_POINTS wins.
 * They are the stored resolutions (raw poll interval, then each rollup tier), so a history point
 * is one stored row per series, read as it is (lib/domain/rollup-tiers.ts).
 */
export const BUCKETS_MS: readonly number[] = HISTORY_SOURCES.map((s) => s.ms);

export function bucketFor(rangeMs: number, maxPoints = MAX_POINTS): number {
  return BUCKETS_MS.find((b) => rangeMs / b <= maxPoints) ?? BUCKETS_MS[BUCKETS_MS.length - 1]!;
}

/** How far back each source still has data (days kept by retention). */
export type SourceRetention = Record<HistorySource, number>;

/**
 * Picks the source for a chart of `bucketMs` buckets over [fromMs, …): the coarsest source whose
 * width divides the bucket (with the chart buckets above, the one of exactly that width, so rows
 * are read as stored). When retention has already trimmed that source at `fromMs`, it steps to
 * the next coarser source that still covers it and widens the bucket to that tier, so an old
 * range shows coarser points instead of a hole.
 */
export function chooseHistorySource(
  bucketMs: number,
  fromMs: number,
  nowMs: number,
  retention: SourceRetention,
): { source: HistorySource; bucketMs: number } {
  const S = HISTORY_SOURCES;
  let i = 0;
  for (let j = S.length - 1; j > 0; j--) {
    if (bucketMs % S[j]!.ms === 0) {
      i = j;
      break;
    }
  }
  while (i < S.length - 1 && nowMs - retention[S[i]!.id] * DAY_MS > fromMs) i++;
  const s = S[i]!;
  return { source: s.id, bucketMs: Math.max(bucketMs, s.ms) };
}

/** What a chart over a range reads and how its points are laid out. */
export interface HistoryBuckets {
  source: HistorySource;
  bucketMs: number;
  /** The first bucket's start: on a bucket edge, so the rollup rows of that bucket count whole */
  startMs: number;
  /** Number of buckets (points) from startMs to the range's end */
  n: number;
}

/**
 * The whole bucket decision of a chart over [fromMs, toMs), in one place: the bucket that keeps
 * the range within MAX_POINTS (never narrower than `minBucketMs`, a source's poll interval, or
 * most buckets would be empty), the stored source that answers it as retention allows, and the
 * buckets' start and count.
 */
export function historyBuckets(
  fromMs: number,
  toMs: number,
  nowMs: number,
  retention: SourceRetention,
  minBucketMs = 0,
): HistoryBuckets {
  const { source, bucketMs } = chooseHistorySource(
    Math.max(minBucketMs, bucketFor(toMs - fromMs)),
    fromMs,
    nowMs,
    retention,
  );
  const startMs = bucketStart(fromMs, bucketMs);
  return { source, bucketMs, startMs, n: Math.max(0, Math.ceil((toMs - startMs) / bucketMs)) };
}

/** A line's avg and peak per bucket index, null where the bucket has no data. */
export interface BucketColumns {
  avg: (number | null)[];
  peak: (number | null)[];
}

/**
 * Reads buckets packed as "i:sum:count:peak,…" (lib/server/rollups/rollup-sql.ts) into columns of
 * `n` buckets. The average keeps one decimal, like every average shown; indexes outside [0, n) are
 * ignored.
 */
export function unpackBuckets(packed: string, n: number): BucketColumns {
  const avg: (number | null)[] = new Array<number | null>(n).fill(null);
  const peak: (number | null)[] = new Array<number | null>(n).fill(null);
  // indexOf and slice, not split: a 30-day chart of 50 nodes has 36 000 entries (P3).
  for (let pos = 0; pos < packed.length; ) {
    const end = packed.indexOf(",", pos) + 1 || packed.length + 1;
    const a = packed.indexOf(":", pos);
    const b = packed.indexOf(":", a + 1);
    const c = packed.indexOf(":", b + 1);
    const i = Number(packed.slice(pos, a));
    const count = Number(packed.slice(b + 1, c));
    if (i >= 0 && i < n && count) {
      avg[i] = Math.round((Number(packed.slice(a + 1, b)) / count) * 10) / 10;
      peak[i] = Number(packed.slice(c + 1, end - 1));
    }
    pos = end;
  }
  return { avg, peak };
}

/**
 * Points `{ t, <key>: value | null }` for `n` buckets from `startMs`, one column (value per bucket
 * index) per key; a key without a column is null throughout. Each point is parsed from one JSON
 * template holding every key, then filled: about twice as fast as building 100-key objects
 * (P3), and the objects keep fast properties (set key by key they turn into slow hash maps),
 * which matters for JSON.stringify and the browser's charts.
 */
export function columnsToPoints(
  keys: string[],
  columns: Map<string, (number | null)[]>,
  startMs: number,
  bucketMs: number,
  n: number,
): Array<{ t: number } & Record<string, number | null>> {
  const template = JSON.stringify(Object.fromEntries([["t", 0], ...keys.map((k) => [k, null])]));
  const present = keys.flatMap((k) => (columns.has(k) ? [[k, columns.get(k)!] as const] : []));
  const points = new Array<{ t: number } & Record<string, number | null>>(n);
  for (let i = 0; i < n; i++) {
    const p = JSON.parse(template) as { t: number } & Record<string, number | null>;
    p.t = startMs + i * bucketMs;
    for (const [k, col] of present) p[k] = col[i] ?? null;
    points[i] = p;
  }
  return points;
}

/**
 * A history answer's lines and points from the packed rows SQL hands back: per line a peak
 * (`<key>__peak`, which capacity planning needs because averages hide it) and an average
 * (`<key>__avg`), in the order of `lines`; a line without a row is null throughout.
 */
export function packedToSeries(
  lines: readonly { key: string; label: string }[],
  rows: readonly { key: string; packed: string }[],
  b: Pick<HistoryBuckets, "startMs" | "bucketMs" | "n">,
): Pick<HistoryResponse, "lines" | "points"> {
  const columns = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const { avg, peak } = unpackBuckets(r.packed, b.n);
    columns.set(`${r.key}__avg`, avg);
    columns.set(`${r.key}__peak`, peak);
  }
  const drawn = lines.flatMap((l) => [
    { key: `${l.key}__peak`, label: `${l.label} peak`, kind: "peak" as const },
    { key: `${l.key}__avg`, label: `${l.label} average`, kind: "avg" as const },
  ]);
  const keys = drawn.map((l) => l.key);
  return { lines: drawn, points: columnsToPoints(keys, columns, b.startMs, b.bucketMs, b.n) };
}

/** Whole numbers as they are; averages with one decimal, never silently rounded to an integer. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return n.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/** A bucket width as people say it: "10 s", "5 min", "3 h", "1 d". */
export function formatBucket(ms: number): string {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** The points a chart's zoom brush selects (indexes inclusive, as Recharts gives them). */
export interface ZoomWindow {
  startIndex: number;
  endIndex: number;
}

/** What a zoomed chart shows, so its table and CSV show the same; no window (or all points) → every point. */
export function zoomedPoints<T>(points: readonly T[], win: ZoomWindow | null): T[] {
  if (!win || points.length === 0) return [...points];
  const start = Math.min(Math.max(0, win.startIndex), points.length - 1);
  const end = Math.min(Math.max(start, win.endIndex), points.length - 1);
  return points.slice(start, end + 1);
}

/** Indexes of values with no value on either side: a line cannot draw them, so charts dot them. */
export function isolatedIndexes(points: readonly Record<string, number | null>[], key: string): Set<number> {
  const has = (i: number) => points[i]?.[key] !== null && points[i]?.[key] !== undefined;
  const lone = new Set<number>();
  for (let i = 0; i < points.length; i++) if (has(i) && !has(i - 1) && !has(i + 1)) lone.add(i);
  return lone;
}
