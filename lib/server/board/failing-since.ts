import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, inChunks, keysTable } from "@/lib/server/db/keyed-reads";
import { nodeSourceKey } from "@/lib/domain/keys";
import type { NodeSource } from "@/lib/server/deployments/poll-heads";

/**
 * Start of the current failing streak of each (node, source): the first failed poll after the
 * last successful one, or the first failed poll when none succeeded; null when it has none.
 * One statement for every pair, each answered by index seeks: the last ok through
 * (node_id, source, outcome, started_at), the run after it through (node_id, source, started_at).
 */
export async function getFailingSince(db: Db, pairs: readonly NodeSource[]): Promise<Map<string, string | null>> {
  const d = dialectOf(db);
  const same = (alias: string) => Prisma.raw(`${alias}."node_id" = k.column1 AND ${alias}."source" = k.column2`);
  const rows = await inChunks(
    pairs.map((p) => [p.nodeId, p.source]),
    (chunk) =>
      db.$queryRaw<{ node_id: string; source: string; since_ms: bigint | number | null }[]>(Prisma.sql`
      SELECT k.column1 AS node_id, k.column2 AS source,
        CASE WHEN EXISTS (SELECT 1 FROM "poll_run" o WHERE ${same("o")} AND o."outcome" = 'ok')
          THEN (SELECT ${d.epochMs('f."started_at"')} FROM "poll_run" f WHERE ${same("f")} AND f."outcome" <> 'ok'
                   AND f."started_at" > (SELECT o."started_at" FROM "poll_run" o WHERE ${same("o")} AND o."outcome" = 'ok' ORDER BY o."started_at" DESC LIMIT 1)
                 ORDER BY f."started_at" ASC LIMIT 1)
          ELSE (SELECT ${d.epochMs('f."started_at"')} FROM "poll_run" f WHERE ${same("f")} AND f."outcome" <> 'ok' ORDER BY f."started_at" ASC LIMIT 1)
        END AS since_ms
      FROM ${keysTable(chunk)}`),
  );
  return new Map(
    rows.map((r) => [
      nodeSourceKey(r.node_id, r.source),
      r.since_ms === null ? null : dateOf(r.since_ms).toISOString(),
    ]),
  );
}
