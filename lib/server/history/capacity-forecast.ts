import "server-only";
import { DEFAULT_TURN_RELAY_CAPACITY } from "@/lib/domain/capacity";
import { forecast, type ForecastResponse, type ForecastSeries } from "@/lib/domain/forecast";
import { LOAD_SERIES, RELAY_SERIES } from "@/lib/domain/series-names";
import { SOURCES } from "@/lib/domain/sources";
import type { Content as CmsLoadContent } from "@/lib/domain/sources/cms-load";
import { latestSnapshots } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";

// The History forecast: hourly peaks of each capacity series (TURN relays per Expressway-E, CMS
// media load) from the hourly rollups, handed to the pure forecast (daily peaks, linear fit, days
// until the limit, p95 busy hour) in lib/domain/forecast.ts. The hourly tier is kept 400 days,
// as long as the longest range History accepts.

export async function getCapacityForecast(
  db: Db,
  deploymentId: string,
  from: Date,
  to: Date,
): Promise<ForecastResponse> {
  const nodes = await db.node.findMany({
    where: { deploymentId, role: { in: ["EXPRESSWAY_E", "CMS"] } },
    select: { id: true, name: true, role: true, turnRelayCapacity: true },
    orderBy: { name: "asc" },
  });
  const ids = nodes.map((n) => n.id);
  const [rows, loads] = await Promise.all([
    db.rollupHour.findMany({
      where: { nodeId: { in: ids }, series: { in: [RELAY_SERIES, LOAD_SERIES] }, bucket: { gte: from, lt: to } },
      select: { nodeId: true, series: true, bucket: true, max: true },
      orderBy: { bucket: "asc" },
    }),
    latestSnapshots<CmsLoadContent>(db, ids, SOURCES.cmsLoad),
  ]);
  const series: ForecastSeries[] = [];
  const window = { from: from.getTime(), to: to.getTime() };
  for (const n of nodes) {
    const kind = n.role === "EXPRESSWAY_E" ? "relays" : "load";
    const points = rows
      .filter((r) => r.nodeId === n.id && r.series === (kind === "relays" ? RELAY_SERIES : LOAD_SERIES))
      .map((r) => ({ ts: r.bucket.getTime(), value: r.max }));
    if (kind === "relays") {
      const cap = n.turnRelayCapacity ?? DEFAULT_TURN_RELAY_CAPACITY;
      const limitSource = n.turnRelayCapacity
        ? "relay capacity set for this node"
        : "Cisco's Small/Medium Expressway-E figure (default; set it per node in Settings)";
      series.push({
        key: `${n.id}:relays`,
        label: `${n.name} TURN relays`,
        kind,
        limitSource,
        forecast: forecast(points, cap, window),
      });
    } else {
      const limit = loads.get(n.id)?.content.loadLimit ?? null;
      series.push({
        key: `${n.id}:load`,
        label: `${n.name} media processing load`,
        kind,
        limitSource: limit
          ? `loadLimit ${limit} (system/configuration/cluster)`
          : "no loadLimit set on this Call Bridge",
        forecast: forecast(points, limit, window),
      });
    }
  }
  return { from: from.toISOString(), to: to.toISOString(), series };
}
