import "server-only";
import type { ChartReference, HistoryResponse } from "@/lib/domain/api-types";
import { isLicensedCount, licenceReferences, loadLevels, loadReferences } from "@/lib/domain/capacity";
import { historyBuckets, packedToSeries, type SourceRetention } from "@/lib/domain/charts";
import { HISTORY_SOURCES } from "@/lib/domain/rollup-tiers";
import {
  CALL_LICENCE_SERIES,
  hostOfSeries,
  hostSeriesPrefix,
  LOAD_SERIES,
  RELAY_SERIES,
  type HostSeriesKind,
} from "@/lib/domain/series-names";
import { RETENTION_SETTING, type Settings } from "@/lib/domain/settings";
import { SOURCES } from "@/lib/domain/sources";
import type { Content as CmsLoadContent } from "@/lib/domain/sources/cms-load";
import type { Content as CallLicencesContent, LicenceKind } from "@/lib/domain/sources/expressway-call-licences";
import type { NodeRole } from "@/lib/domain/types";
import { latestSnapshots } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { readRawSeries, readTierSeries, type RawSeries, type SeriesMatch } from "@/lib/server/rollups/rollup-sql";
import { getSettings } from "@/lib/server/settings/settings-store";

export const HISTORY_SERIES = [
  "relay-usage",
  "rtt",
  "allocations",
  "media-load",
  "calls-traversal",
  "calls-nontraversal",
] as const;
export type HistorySeriesId = (typeof HISTORY_SERIES)[number];

type Nodes = { id: string; name: string }[];

/** Levels a chart compares with, and the nodes (ids) that have none known now. */
interface References {
  lines: ChartReference[];
  without: string[];
}

interface SeriesSpec {
  roles: NodeRole[];
  match: SeriesMatch;
  /** Where raw samples live; null when the series is kept in the rollups only (its minBucketMs is then a tier's width). */
  raw: RawSeries | null;
  /** One line pair per node even without data (relays), or only per series found (per-host, media load). */
  linesPerNode: boolean;
  /** Narrowest bucket worth drawing: no narrower than the source's default poll interval, or most buckets are empty. */
  minBucketMs: number;
  /** Levels the chart compares with, as known now */
  references?: (db: Db, nodes: Nodes) => Promise<References>;
}

/** SQL giving a raw sample row's series name: hostSeries() of its host column. */
const hostSeriesSql = (kind: HostSeriesKind, column: string) => `'${hostSeriesPrefix(kind)}' || "${column}"`;

const SPECS: Record<HistorySeriesId, SeriesSpec> = {
  "relay-usage": {
    roles: ["EXPRESSWAY_E"],
    match: { exact: RELAY_SERIES },
    raw: { table: "turn_relay_sample", valueColumn: "current", seriesSql: `'${RELAY_SERIES}'` },
    linesPerNode: true,
    minBucketMs: 10_000,
  },
  rtt: {
    roles: ["CMS"],
    match: { prefix: hostSeriesPrefix("rtt") },
    raw: { table: "turn_server_sample", valueColumn: "rtt_ms", seriesSql: hostSeriesSql("rtt", "host_address") },
    linesPerNode: false,
    minBucketMs: 60_000,
  },
  allocations: {
    roles: ["CMS"],
    match: { prefix: hostSeriesPrefix("alloc") },
    raw: { table: "turn_server_sample", valueColumn: "allocations", seriesSql: hostSeriesSql("alloc", "host_address") },
    linesPerNode: false,
    minBucketMs: 60_000,
  },
  // CMS media processing load (cms.load): rollups only, so its finest bucket is the 1-minute tier.
  "media-load": {
    roles: ["CMS"],
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
      const bridges = nodes.map((n) => ({ id: n.id, name: n.name, limits: limits.get(n.id)?.content ?? null }));
      return {
        lines: loadReferences(bridges),
        without: bridges.filter((b) => !(b.limits && loadLevels(b.limits))).map((b) => b.id),
      };
    },
  },
  // Expressway calls in use per licence kind (expressway.call-licences, C and E): rollups only.
  "calls-traversal": callLicenceSpec("traversal"),
  "calls-nontraversal": callLicenceSpec("nonTraversal"),
};

/** One licence kind's chart: calls in use per Expressway against the licensed count its latest snapshot gives. */
function callLicenceSpec(kind: LicenceKind): SeriesSpec {
  return {
    roles: ["EXPRESSWAY_C", "EXPRESSWAY_E"],
    match: { exact: CALL_LICENCE_SERIES[kind] },
    raw: null,
    linesPerNode: false,
    minBucketMs: 60_000,
    references: async (db, nodes) => {
      const snaps = await latestSnapshots<CallLicencesContent>(
        db,
        nodes.map((n) => n.id),
        SOURCES.callLicences,
      );
      const counts = nodes.map((n) => ({ ...n, licensed: snaps.get(n.id)?.content[kind]?.licensed ?? null }));
      return {
        lines: licenceReferences(counts),
        without: counts.filter((c) => !isLicensedCount(c.licensed)).map((c) => c.id),
      };
    },
  };
}

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
        nodes: { where: { role: { in: spec.roles } }, select: { id: true, name: true }, orderBy: { name: "asc" } },
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
  const drawn = new Set(rows.map((r) => r.node_id));
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
    ...(references && {
      references: references.lines,
      // Only nodes drawn here: one with no data in the range needs no word about its missing level.
      unreferenced: nodes.filter((n) => drawn.has(n.id) && references.without.includes(n.id)).map((n) => n.name),
    }),
  };
}
