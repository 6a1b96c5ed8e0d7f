import "server-only";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { bucketFor, pivotBuckets } from "@/lib/domain/charts";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * TURN relays per Expressway-E node over [from, to), per bucket: the average of the polled
 * current counts (`<node>__avg`) and the highest one (`<node>__peak`), which capacity planning
 * needs because averages hide it.
 */
export async function getRelayUsageHistory(db: Db, deploymentId: string, from: Date, to: Date): Promise<HistoryResponse> {
  const nodes = await db.node.findMany({ where: { deploymentId, role: "EXPRESSWAY_E" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const bucketMs = bucketFor(to.getTime() - from.getTime());
  const d = dialectOf(db);
  const rows = nodes.length
    ? await db.$queryRaw<{ node_id: string; bucket: bigint | number; avg: number; peak: bigint | number }[]>(Prisma.sql`
        SELECT node_id, ${d.bucketStart("ts", bucketMs)} AS bucket, AVG(current) AS avg, MAX(current) AS peak
          FROM turn_relay_sample
         WHERE node_id IN (${Prisma.join(nodes.map((n) => n.id))}) AND ts >= ${d.timestamp(from.getTime())} AND ts < ${d.timestamp(to.getTime())}
         GROUP BY node_id, bucket`)
    : [];
  const flat = rows.flatMap((r) => [
    { key: `${r.node_id}__avg`, bucket: Number(r.bucket), value: Math.round(Number(r.avg) * 10) / 10 },
    { key: `${r.node_id}__peak`, bucket: Number(r.bucket), value: Number(r.peak) },
  ]);
  const lines = nodes.flatMap((n) => [
    { key: `${n.id}__peak`, label: `${n.name} peak`, kind: "peak" as const },
    { key: `${n.id}__avg`, label: `${n.name} average`, kind: "avg" as const },
  ]);
  return {
    series: "relay-usage",
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs,
    lines,
    points: pivotBuckets(flat, lines.map((l) => l.key), from.getTime(), to.getTime(), bucketMs),
  };
}
