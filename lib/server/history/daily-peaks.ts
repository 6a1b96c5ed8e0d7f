import "server-only";
import { dailyStats, type DailyPeaksResponse } from "@/lib/domain/daily-stats";
import { chooseHistorySource, unpackBuckets } from "@/lib/domain/charts";
import { demoMarkerKey, type DemoHistoryMarker } from "@/lib/domain/demo-history";
import { bucketStart, DAY_MS } from "@/lib/domain/rollup-tiers";
import { RELAY_SERIES } from "@/lib/domain/series-names";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { readTierSeries } from "@/lib/server/rollups/rollup-sql";
import { getSettings } from "@/lib/server/settings/settings-store";
import { sourceRetention } from "./series-history";

/** 5-minute buckets: the usual base of a 95th percentile, and a tier kept 30 days by default. */
const P95_BUCKET_MS = 5 * 60_000;

/**
 * TURN relays per Expressway-E per UTC day over [from, to): the day's peak and the 95th percentile
 * of its 5-minute averages (15-minute or hourly where retention has trimmed the finer tiers). An
 * unknown deployment is a 404.
 */
export async function getDailyPeaks(
  db: Db,
  deploymentId: string,
  from: Date,
  to: Date,
  now = new Date(),
): Promise<DailyPeaksResponse> {
  const [deployment, settings, marker] = await Promise.all([
    db.deployment.findUnique({
      where: { id: deploymentId },
      select: {
        nodes: { where: { role: "EXPRESSWAY_E" }, select: { id: true, name: true }, orderBy: { name: "asc" } },
      },
    }),
    getSettings(db),
    db.setting.findUnique({ where: { key: demoMarkerKey(deploymentId) } }),
  ]);
  if (!deployment) throw notFound(`Deployment ${deploymentId}`);
  const { nodes } = deployment;
  const startMs = bucketStart(from.getTime(), DAY_MS);
  const { source, bucketMs } = chooseHistorySource(P95_BUCKET_MS, startMs, now.getTime(), sourceRetention(settings));
  // A raw source would mean a range shorter than the raw retention and a 10-s bucket: use the 5-minute tier.
  const tier = source === "raw" ? "5m" : source;
  const width = source === "raw" ? P95_BUCKET_MS : bucketMs;
  const rows = await readTierSeries(
    db,
    tier,
    nodes.map((n) => n.id),
    { exact: RELAY_SERIES },
    startMs,
    to.getTime(),
  );
  const n = Math.max(0, Math.ceil((to.getTime() - startMs) / width));
  const byNode = new Map(rows.map((r) => [r.node_id, unpackBuckets(r.packed, n)]));
  const demo = marker ? (JSON.parse(marker.value) as DemoHistoryMarker) : null;
  return {
    series: "daily-peaks",
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs: width,
    nodes: nodes.map((node) => {
      const b = byNode.get(node.id);
      return { nodeId: node.id, name: node.name, days: b ? dailyStats(b.avg, b.peak, startMs, width) : [] };
    }),
    demo: demo && { from: demo.from, to: demo.to },
  };
}
