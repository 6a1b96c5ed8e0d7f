// Daily peak and 95th percentile per node (pure, unit-tested): what a capacity review reads.
// Days are UTC days, as the rollup tiers are (lib/domain/rollup-tiers.ts).
import { DAY_MS } from "./rollup-tiers";

export interface DailyStat {
  /** UTC midnight of the day, ms */
  day: number;
  /** Highest polled count that day */
  peak: number;
  /** 95th percentile (nearest rank) of the day's bucket averages: the level held all but ~72 min of a day at 5-min buckets */
  p95: number;
  /** Buckets with data that day (288 for a full day of 5-minute buckets) */
  buckets: number;
}

/** Nearest-rank percentile of `values` (p in (0, 100]); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Per UTC day with data: the peak of the bucket peaks and the p95 of the bucket averages. */
export function dailyStats(
  avg: readonly (number | null)[],
  peak: readonly (number | null)[],
  startMs: number,
  bucketMs: number,
): DailyStat[] {
  const days = new Map<number, { avgs: number[]; peak: number }>();
  avg.forEach((a, i) => {
    if (a === null) return;
    const day = Math.floor((startMs + i * bucketMs) / DAY_MS) * DAY_MS;
    const d = days.get(day) ?? { avgs: [], peak: -Infinity };
    d.avgs.push(a);
    d.peak = Math.max(d.peak, peak[i] ?? a);
    days.set(day, d);
  });
  return [...days]
    .sort(([x], [y]) => x - y)
    .map(([day, d]) => ({ day, peak: d.peak, p95: percentile(d.avgs, 95)!, buckets: d.avgs.length }));
}

export interface DailyPeaksResponse {
  series: "daily-peaks";
  from: string;
  to: string;
  /** Width of the buckets the p95 is taken over (5 min while that tier is kept, coarser for older days) */
  bucketMs: number;
  nodes: { nodeId: string; name: string; days: DailyStat[] }[];
  /** Set when the deployment's history includes demo data (npm run demo) */
  demo: { from: string; to: string } | null;
}

/** The response as chart lines and points: per node its daily peak (solid) and p95 (dashed). */
export function dailyPeaksChart(r: Pick<DailyPeaksResponse, "nodes">): {
  lines: { key: string; label: string; kind: "peak" | "avg" }[];
  points: ({ t: number } & Record<string, number | null>)[];
} {
  const lines = r.nodes.flatMap((n) => [
    { key: `${n.nodeId}__peak`, label: `${n.name} daily peak`, kind: "peak" as const },
    { key: `${n.nodeId}__p95`, label: `${n.name} 95th percentile`, kind: "avg" as const },
  ]);
  const days = [...new Set(r.nodes.flatMap((n) => n.days.map((d) => d.day)))].sort((a, b) => a - b);
  const points = days.map((t) => {
    const p: { t: number } & Record<string, number | null> = { t };
    for (const n of r.nodes) {
      const d = n.days.find((x) => x.day === t);
      p[`${n.nodeId}__peak`] = d?.peak ?? null;
      p[`${n.nodeId}__p95`] = d?.p95 ?? null;
    }
    return p;
  });
  return { lines, points };
}

/** Each node's busiest day (highest peak; the later day on a tie) with its p95, for the card's summary. */
export function busiestDays(
  r: Pick<DailyPeaksResponse, "nodes">,
): { name: string; day: number; peak: number; p95: number }[] {
  return r.nodes.flatMap((n) => {
    const top = n.days.reduce<DailyStat | null>((best, d) => (!best || d.peak >= best.peak ? d : best), null);
    return top ? [{ name: n.name, day: top.day, peak: top.peak, p95: top.p95 }] : [];
  });
}

/**
 * The nodes' days without the day still running at `to` when there are others: a partial day's
 * peak and p95 read as a collapse at the end of every chart (the table keeps it).
 */
export function completeDays<R extends Pick<DailyPeaksResponse, "nodes">>(r: R, to: number): R {
  const running = Math.floor(to / DAY_MS) * DAY_MS;
  const others = r.nodes.some((n) => n.days.some((d) => d.day !== running));
  if (!others) return r;
  return { ...r, nodes: r.nodes.map((n) => ({ ...n, days: n.days.filter((d) => d.day !== running) })) };
}
