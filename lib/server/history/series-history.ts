import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { bucketFor, pivotBuckets } from "@/lib/domain/charts";
import { chooseHistorySource } from "@/lib/domain/rollup-tiers";
import type { NodeRole } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db/client";
import { readRawBuckets, readRollupBuckets, type BucketAggregate, type RawSeries, type SeriesMatch } from "@/lib/server/rollups/rollup-sql";
import { getSettings } from "@/lib/server/settings/settings-store";

export const HISTORY_SERIES = ["relay-usage", "rtt", "allocations"] as const;
export type HistorySeriesId = (typeof HISTORY_SERIES)[number];

interface SeriesSpec {
  role: NodeRole;
  match: SeriesMatch;
  raw: RawSeries;
  /** One line pair per node even without data (relays), or only per series found (per-host). */
  linesPerNode: boolean;
  /** Narrowest bucket worth drawing: no narrower than the source's default poll interval, or most buckets are empty. */
  minBucketMs: number;
}

const SPECS: Record<HistorySeriesId, SeriesSpec> = {
  "relay-usage": { role: "EXPRESSWAY_E", match: { exact: "relay" }, raw: { table: "turn_relay_sample", valueColumn: "current", seriesSql: `'relay'` }, linesPerNode: true, minBucketMs: 10_000 },
  rtt: { role: "CMS", match: { prefix: "rtt:" }, raw: { table: "turn_server_sample", valueColumn: "rtt_ms", seriesSql: `'rtt:' || "host_address"` }, linesPerNode: false, minBucketMs: 60_000 },
  allocations: { role: "CMS", match: { prefix: "alloc:" }, raw: { table: "turn_server_sample", valueColumn: "allocations", seriesSql: `'alloc:' || "host_address"` }, linesPerNode: false, minBucketMs: 60_000 },
};

/** Line key of a node's series: the node id alone for node-wide series, `<node>:<host>` per host. */
function lineKey(nodeId: string, series: string): string {
  const colon = series.indexOf(":");
  return colon < 0 ? nodeId : `${nodeId}:${series.slice(colon + 1)}`;
}

/**
 * A chart series over [from, to): per bucket the average (`<key>__avg`) and the highest value
 * (`<key>__peak`, which capacity planning needs because averages hide it). Buckets under a minute
 * read raw samples; longer ones read the coarsest rollup tier that fits (lib/domain/rollup-tiers.ts),
 * so a year reads ~365 rows per series, never the raw samples.
 */
export async function getSeriesHistory(db: Db, series: HistorySeriesId, deploymentId: string, from: Date, to: Date, now = new Date()): Promise<HistoryResponse> {
  const spec = SPECS[series];
  const [nodes, settings] = await Promise.all([
    db.node.findMany({ where: { deploymentId, role: spec.role }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    getSettings(db),
  ]);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  // CMS status is polled every 30 s: 10-s buckets would be two-thirds empty, and isolated points draw no line.
  const choice = chooseHistorySource(Math.max(spec.minBucketMs, bucketFor(toMs - fromMs)), fromMs, now.getTime(), {
    rawDays: settings.rawSampleRetentionDays, minuteDays: settings.rollupMinuteRetentionDays, hourDays: settings.rollupHourRetentionDays, dayDays: settings.rollupDayRetentionDays,
  });
  const { bucketMs } = choice;
  const ids = nodes.map((n) => n.id);
  // Rollup rows of the first, partly covered bucket count whole: the chart's first bucket starts there too.
  const rows: BucketAggregate[] =
    choice.source === "raw"
      ? await readRawBuckets(db, spec.raw, ids, fromMs, toMs, bucketMs)
      : await readRollupBuckets(db, choice.source, ids, spec.match, Math.floor(fromMs / bucketMs) * bucketMs, toMs, bucketMs);

  const flat = rows.flatMap((r) => {
    const key = lineKey(r.node_id, r.series);
    const b = Number(r.b);
    return [
      { key: `${key}__avg`, bucket: b, value: Math.round((Number(r.sum) / Number(r.count)) * 10) / 10 },
      { key: `${key}__peak`, bucket: b, value: Number(r.peak) },
    ];
  });
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const found = spec.linesPerNode
    ? nodes.map((n) => ({ key: n.id, label: n.name }))
    : [...new Map(rows.map((r) => [lineKey(r.node_id, r.series), `${names.get(r.node_id)} → ${r.series.slice(r.series.indexOf(":") + 1)}`]))]
        .map(([key, label]) => ({ key, label }))
        .sort((a, b) => a.label.localeCompare(b.label));
  const lines = found.flatMap((l) => [
    { key: `${l.key}__peak`, label: `${l.label} peak`, kind: "peak" as const },
    { key: `${l.key}__avg`, label: `${l.label} average`, kind: "avg" as const },
  ]);
  return {
    series,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs,
    lines,
    points: pivotBuckets(flat, lines.map((l) => l.key), fromMs, toMs, bucketMs),
  };
}
