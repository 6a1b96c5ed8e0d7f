import "server-only";
import type { TurnRttResponse } from "@/lib/domain/api-types";
import { bucketFor, pivotBuckets, type BucketRow } from "@/lib/domain/charts";
import type { Db } from "@/lib/server/db/client";

/** Most points per line: a sparkline, not a chart. */
export const TURN_RTT_MAX_POINTS = 60;

/**
 * Round-trip time per TURN host as the deployment's Meeting Servers measured it (V4), over the
 * last `minutes`, bucketed in JS (a few hundred rows per host at most): `<key>__avg` and
 * `<key>__peak` per bucket, null where CMS reported no RTT. Until the rollups land this reads the
 * raw samples.
 */
export async function getTurnRttRecent(db: Db, deploymentId: string, minutes: number, now = Date.now()): Promise<TurnRttResponse> {
  const rangeMs = minutes * 60_000;
  const bucketMs = Math.max(60_000, bucketFor(rangeMs, TURN_RTT_MAX_POINTS));
  const to = now;
  // Exactly rangeMs / bucketMs buckets, the last one holding now.
  const from = (Math.floor(now / bucketMs) + 1) * bucketMs - Math.ceil(rangeMs / bucketMs) * bucketMs;
  const nodes = await db.node.findMany({ where: { deploymentId, role: "CMS" }, select: { id: true }, orderBy: { name: "asc" } });
  const samples = nodes.length
    ? await db.turnServerSample.findMany({
        where: { nodeId: { in: nodes.map((n) => n.id) }, ts: { gte: new Date(from), lte: new Date(to) } },
        select: { nodeId: true, turnServerId: true, hostAddress: true, ts: true, rttMs: true },
        orderBy: { ts: "asc" },
      })
    : [];
  const lines: TurnRttResponse["lines"] = [];
  const keyOf = new Map<string, string>();
  const acc = new Map<string, { key: string; bucket: number; sum: number; n: number; peak: number }>();
  for (const s of samples) {
    const id = `${s.nodeId}\u0000${s.turnServerId}\u0000${s.hostAddress}`;
    let key = keyOf.get(id);
    if (!key) {
      key = `h${lines.length}`;
      keyOf.set(id, key);
      lines.push({ key, nodeId: s.nodeId, turnServerId: s.turnServerId, hostAddress: s.hostAddress });
    }
    if (s.rttMs === null) continue;
    const bucket = Math.floor(s.ts.getTime() / bucketMs) * bucketMs;
    const a = acc.get(`${key}@${bucket}`) ?? { key, bucket, sum: 0, n: 0, peak: -Infinity };
    a.sum += s.rttMs;
    a.n++;
    a.peak = Math.max(a.peak, s.rttMs);
    acc.set(`${key}@${bucket}`, a);
  }
  const rows: BucketRow[] = [...acc.values()].flatMap((a) => [
    { key: `${a.key}__avg`, bucket: a.bucket, value: Math.round((a.sum / a.n) * 10) / 10 },
    { key: `${a.key}__peak`, bucket: a.bucket, value: a.peak },
  ]);
  const keys = lines.flatMap((l) => [`${l.key}__avg`, `${l.key}__peak`]);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucketMs, lines, points: pivotBuckets(rows, keys, from, to + 1, bucketMs) };
}
