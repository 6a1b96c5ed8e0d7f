// Chart shaping (pure): bucket sizes, gap filling and number formatting.

/** Most points a chart series gets; more would not be visible and would slow the browser. */
export const MAX_POINTS = 1000;

/** Bucket widths a chart may use; the smallest one that keeps a range within MAX_POINTS wins. */
export const BUCKETS_MS = [10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 86_400_000] as const;

export function bucketFor(rangeMs: number, maxPoints = MAX_POINTS): number {
  return BUCKETS_MS.find((b) => rangeMs / b <= maxPoints) ?? BUCKETS_MS[BUCKETS_MS.length - 1]!;
}

export interface BucketRow {
  key: string;
  bucket: number; // bucket start ms
  value: number;
}

/**
 * Turns (key, bucket, value) rows into one point per bucket with a property per key; buckets
 * with no data for a key get null so charts show a gap instead of a made-up line.
 */
export function pivotBuckets(rows: BucketRow[], keys: string[], fromMs: number, toMs: number, bucketMs: number): Array<{ t: number } & Record<string, number | null>> {
  const start = Math.floor(fromMs / bucketMs) * bucketMs;
  const byBucket = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const entry = byBucket.get(r.bucket) ?? {};
    entry[r.key] = r.value;
    byBucket.set(r.bucket, entry);
  }
  const points: Array<{ t: number } & Record<string, number | null>> = [];
  for (let t = start; t < toMs; t += bucketMs) {
    const entry = byBucket.get(t);
    const point: { t: number } & Record<string, number | null> = { t };
    for (const k of keys) point[k] = entry?.[k] ?? null;
    points.push(point);
  }
  return points;
}

/** Whole numbers as they are; averages with one decimal, never silently rounded to an integer. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return n.toLocaleString("en-US", { maximumFractionDigits: 1 });
}
