import "server-only";
import type { ChartReference, HistoryResponse } from "@/lib/domain/api-types";
import { loadReferences } from "@/lib/domain/capacity";
import { historyBuckets, packedToSeries, type SourceRetention } from "@/lib/domain/charts";
import { HISTORY_SOURCES } from "@/lib/domain/rollup-tiers";
import {
  hostOfSeries,
  hostSeriesPrefix,
  LOAD_SERIES,
  RELAY_SERIES,
  type HostSeriesKind,
} from "@/lib/domain/series-names";
import { RETENTION_SETTING, type Settings } from "@/lib/domain/settings";
import { SOURCES } from "@/lib/domain/sources";
import type { Content as CmsLoadContent } from "@/lib/domain/sources/cms-load";
import type { NodeRole } from "@/lib/domain/types";
import { latestSnapshots } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { readRawSeries, readTierSeries, type RawSeries, type SeriesMatch } from "@/lib/server/rollups/rollup-sql";
import { getSettings } from "@/lib/server/settings/settings-store";

export const HISTORY_SERIES = ["relay-usage", "rtt", "allocations", "media-load"] as const;
export type HistorySeriesId = (typeof HISTORY_SERIES)[number];

type Nodes = { id: string; name: string }[];

interface SeriesSpec {
  role: NodeRole;
  match: SeriesMatch;
  /** Where raw samples live; null when the series is kept in the rollups only (its minBucketMs is then a tier's width). */
  raw: RawSeries | null;
  /** One line pair per node even without data (relays), or only per series found (per-host, media load). */
  linesPerNode: boolean;
  /** Narrowest bucket worth drawing: no narrower than the source's default poll interval, or most buckets are empty. */
  minBucketMs: number;
  /** Levels the chart compares with, as known now */
  references?: (db: Db, nodes: Nodes) => Promise<ChartReference[]>;
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
  // CMS media processing load (cms.load): rollups only, so its finest bucket is the 1-minute tier.
  "media-load": {
    role: "CMS",
    match: { exact: LOAD_SERIES },
    raw: null,
    linesPerNode: false,
    minBucketMs: 60_000,
    references: async (db, nodes) => {
      const limits = await latestSnapshots<CmsLoadContent>(
        db,
        nodes.map((n) => n.id),
        SOURCES.cmsLoad,
      );
      return loadReferences(nodes.map((n) => ({ name: n.name, limits: limits.get(n.id)?.content ?? null })));
    },
  },
};

/** Line key of a node's series: the node id alone for node-wide series, `<node>:<host>` per host. */
function lineKey(nodeId: string, series: string): string {
  const host = hostOfSeries(series);
  return host === null ? nodeId : `${nodeId}:${host}`;
}

/** A line's label: the node's name, and the host for a per-host series ("cms1 → 10.0.0.36"). */
function lineLabel(nodeName: string | undefined, series: string): string {
  const host = hostOfSeries(series);
  return host === null ? `${nodeName}` : `${nodeName} → ${host}`;
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
  const [rows, references] = await Promise.all([
    b.source !== "raw"
      ? readTierSeries(db, b.source, ids, spec.match, b.startMs, toMs)
      : spec.raw
        ? readRawSeries(db, spec.raw, ids, fromMs, toMs, b.startMs, b.bucketMs)
        : [],
    spec.references?.(db, nodes),
  ]);

  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const lines = spec.linesPerNode
    ? nodes.map((n) => ({ key: n.id, label: n.name }))
    : [...new Map(rows.map((r) => [lineKey(r.node_id, r.series), lineLabel(names.get(r.node_id), r.series)]))]
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
    ...(references && { references }),
  };
}
