import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { historyBuckets, packedToSeries, type SourceRetention } from "@/lib/domain/charts";
import { HISTORY_SOURCES } from "@/lib/domain/rollup-tiers";
import { hostOfSeries, hostSeriesPrefix, RELAY_SERIES, type HostSeriesKind } from "@/lib/domain/series-names";
import { RETENTION_SETTING, type Settings } from "@/lib/domain/settings";
import type { NodeRole } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { readRawSeries, readTierSeries, type RawSeries, type SeriesMatch } from "@/lib/server/rollups/rollup-sql";
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
 * A chart series over [from, to): per bucket the average and the highest value of each line. The
 * bucket is the finest stored resolution that keeps the range within 1000 points
 * (historyBuckets in lib/domain/charts.ts), so a rollup point is one stored row read as it is: a
 * year of 50 nodes reads ~18 000 daily rows. Only raw samples (ranges up to ~2.7 h) are
 * aggregated, into 10 s buckets. An unknown deployment is a 404, from the same query that lists
 * its nodes.
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
  const [deployment, settings] = await Promise.all([
    db.deployment.findUnique({
      where: { id: deploymentId },
      select: {
        nodes: { where: { role: spec.role }, select: { id: true, name: true }, orderBy: { name: "asc" } },
      },
    }),
    getSettings(db),
  ]);
  if (!deployment) throw notFound(`Deployment ${deploymentId}`);
  const { nodes } = deployment;
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const b = historyBuckets(fromMs, toMs, now.getTime(), sourceRetention(settings), spec.minBucketMs);
  const ids = nodes.map((n) => n.id);
  const rows =
    b.source === "raw"
      ? await readRawSeries(db, spec.raw, ids, fromMs, toMs, b.startMs, b.bucketMs)
      : await readTierSeries(db, b.source, ids, spec.match, b.startMs, toMs);

  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const lines = spec.linesPerNode
    ? nodes.map((n) => ({ key: n.id, label: n.name }))
    : [
        ...new Map(
          rows.map((r) => [lineKey(r.node_id, r.series), `${names.get(r.node_id)} → ${hostOfSeries(r.series)}`]),
        ),
      ]
        .map(([key, label]) => ({ key, label }))
        .sort((a, b) => a.label.localeCompare(b.label));
  return {
    series,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs: b.bucketMs,
    ...packedToSeries(
      lines,
      rows.map((r) => ({ key: lineKey(r.node_id, r.series), packed: r.packed })),
      b,
    ),
  };
}
