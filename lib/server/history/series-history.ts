import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { bucketFor, columnsToPoints, unpackBuckets } from "@/lib/domain/charts";
import { bucketStart, chooseHistorySource, HISTORY_SOURCES, type SourceRetention } from "@/lib/domain/rollup-tiers";
import { hostOfSeries, hostSeriesPrefix, RELAY_SERIES, type HostSeriesKind } from "@/lib/domain/series-names";
import { RETENTION_SETTING, type Settings } from "@/lib/domain/settings";
import type { NodeRole } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db/client";
import {
  readRawSeries,
  readTierSeries,
  type PackedSeries,
  type RawSeries,
  type SeriesMatch,
} from "@/lib/server/rollups/rollup-sql";
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

/** SQL giving a raw sample row's series name: hostSeries() of its host column. */
const hostSeriesSql = (kind: HostSeriesKind, column: string) => `'${hostSeriesPrefix(kind)}' || "${column}"`;

const SPECS: Record<HistorySeriesId, SeriesSpec> = {
  "relay-usage": {
    role: "EXPRESSWAY_E",
    match: { exact: RELAY_SERIES },
    raw: { table: "turn_relay_sample", valueColumn: "current", seriesSql: `'${RELAY_SERIES}'` },
    linesPerNode: true,
    minBucketMs: 10_000,
  },
  rtt: {
    role: "CMS",
    match: { prefix: hostSeriesPrefix("rtt") },
    raw: { table: "turn_server_sample", valueColumn: "rtt_ms", seriesSql: hostSeriesSql("rtt", "host_address") },
    linesPerNode: false,
    minBucketMs: 60_000,
  },
  allocations: {
    role: "CMS",
    match: { prefix: hostSeriesPrefix("alloc") },
    raw: { table: "turn_server_sample", valueColumn: "allocations", seriesSql: hostSeriesSql("alloc", "host_address") },
    linesPerNode: false,
    minBucketMs: 60_000,
  },
};

/** Line key of a node's series: the node id alone for node-wide series, `<node>:<host>` per host. */
function lineKey(nodeId: string, series: string): string {
  const host = hostOfSeries(series);
  return host === null ? nodeId : `${nodeId}:${host}`;
}

/** Days each source keeps, from the retention settings. */
export function sourceRetention(settings: Settings): SourceRetention {
  return Object.fromEntries(HISTORY_SOURCES.map((s) => [s.id, settings[RETENTION_SETTING[s.id]]])) as SourceRetention;
}

/**
 * A chart series over [from, to): per bucket the average (`<key>__avg`) and the highest value
 * (`<key>__peak`, which capacity planning needs because averages hide it). The bucket is the
 * finest stored resolution that keeps the range within 1000 points (lib/domain/charts.ts), so a
 * rollup point is one stored row read as it is: a year of 50 nodes reads ~18 000 daily rows. Only
 * raw samples (ranges up to ~2.7 h) are aggregated, into 10 s buckets.
 */
export async function getSeriesHistory(
  db: Db,
  series: HistorySeriesId,
  deploymentId: string,
  from: Date,
  to: Date,
  now = new Date(),
): Promise<HistoryResponse> {
  const spec = SPECS[series];
  const [nodes, settings] = await Promise.all([
    db.node.findMany({
      where: { deploymentId, role: spec.role },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    getSettings(db),
  ]);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  // CMS status is polled every 30 s: 10-s buckets would be two-thirds empty, and isolated points draw no line.
  const { source, bucketMs } = chooseHistorySource(
    Math.max(spec.minBucketMs, bucketFor(toMs - fromMs)),
    fromMs,
    now.getTime(),
    sourceRetention(settings),
  );
  const ids = nodes.map((n) => n.id);
  // The chart's first bucket starts on a bucket edge, so rollup rows of that bucket count whole.
  const startMs = bucketStart(fromMs, bucketMs);
  const n = Math.max(0, Math.ceil((toMs - startMs) / bucketMs));
  const rows: PackedSeries[] =
    source === "raw"
      ? await readRawSeries(db, spec.raw, ids, fromMs, toMs, startMs, bucketMs)
      : await readTierSeries(db, source, ids, spec.match, startMs, toMs);

  const columns = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const key = lineKey(r.node_id, r.series);
    const { avg, peak } = unpackBuckets(r.packed, n);
    columns.set(`${key}__avg`, avg);
    columns.set(`${key}__peak`, peak);
  }
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const found = spec.linesPerNode
    ? nodes.map((n) => ({ key: n.id, label: n.name }))
    : [
        ...new Map(
          rows.map((r) => [lineKey(r.node_id, r.series), `${names.get(r.node_id)} → ${hostOfSeries(r.series)}`]),
        ),
      ]
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
    points: columnsToPoints(
      lines.map((l) => l.key),
      columns,
      startMs,
      bucketMs,
      n,
    ),
  };
}
