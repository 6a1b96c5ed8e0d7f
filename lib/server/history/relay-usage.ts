import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { bucketFor, pivotBuckets } from "@/lib/domain/charts";
import type { Db } from "@/lib/server/db/client";

/**
 * TURN relays per Expressway-E node over [from, to): the highest current count in each bucket
 * (a peak is what capacity planning needs; averages hide it).
 */
export async function getRelayUsageHistory(db: Db, deploymentId: string, from: Date, to: Date): Promise<HistoryResponse> {
  const nodes = await db.node.findMany({ where: { deploymentId, role: "EXPRESSWAY_E" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const bucketMs = bucketFor(to.getTime() - from.getTime());
  const fromMs = from.getTime();
  const rows = nodes.length
    ? await db.$queryRawUnsafe<{ node_id: string; bucket: bigint | number; value: bigint | number }[]>(
        // Bound JS numbers arrive as REAL: cast so the division truncates to the bucket start.
        `SELECT node_id, (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS bucket, MAX(current) AS value
           FROM turn_relay_sample
          WHERE node_id IN (${nodes.map(() => "?").join(",")}) AND ts >= ? AND ts < ?
          GROUP BY node_id, bucket`,
        bucketMs, bucketMs, ...nodes.map((n) => n.id), fromMs, to.getTime(),
      )
    : [];
  const points = pivotBuckets(
    rows.map((r) => ({ key: r.node_id, bucket: Number(r.bucket), value: Number(r.value) })),
    nodes.map((n) => n.id),
    fromMs,
    to.getTime(),
    bucketMs,
  );
  return {
    series: "relay-usage",
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs,
    lines: nodes.map((n) => ({ key: n.id, label: n.name })),
    points,
  };
}
