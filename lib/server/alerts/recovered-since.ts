import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf } from "@/lib/server/db/keyed-reads";

/**
 * Since when each node has been seen polling well again after its last failure in the window
 * (epoch ms): for every source that failed, the end of its first good poll after its last
 * failure; the node is good once the last of them is. A source not yet seen good again counts
 * from its last failure. Nodes with no failure in the window are absent.
 *
 * Why not the end of the last failed poll: the alert was read as failing when it fired, so a
 * node known good only from before that moment would report an outage shorter than its own
 * pending time ("fired after 2 s, lasted 1 s"). The first good poll is when Edgescope saw it good.
 */
export async function getRecoveredSince(db: Db, windowStartMs: number): Promise<Map<string, number>> {
  const d = dialectOf(db);
  const rows = await db.$queryRaw<
    { node_id: string; failed_ms: bigint | number; ok_ms: bigint | number | null }[]
  >(Prisma.sql`
    SELECT l.node_id,
      ${d.epochMs("l.last_finished")} AS failed_ms,
      (SELECT ${d.epochMs('o."finished_at"')} FROM "poll_run" o
         WHERE o."node_id" = l.node_id AND o."source" = l.source AND o."outcome" = 'ok'
           AND o."started_at" > l.last_started
         ORDER BY o."started_at" ASC LIMIT 1) AS ok_ms
    FROM (SELECT "node_id" AS node_id, "source" AS source,
            MAX("started_at") AS last_started, MAX("finished_at") AS last_finished
          FROM "poll_run"
          WHERE "outcome" <> 'ok' AND "started_at" >= ${d.timestamp(windowStartMs)}
          GROUP BY "node_id", "source") l`);
  const out = new Map<string, number>();
  for (const r of rows) {
    const at = dateOf(r.ok_ms ?? r.failed_ms).getTime();
    out.set(r.node_id, Math.max(out.get(r.node_id) ?? 0, at));
  }
  return out;
}
