import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { nodeSourceKey } from "@/lib/domain/keys";
import type { PollOutcome } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, inChunks, keysTable } from "@/lib/server/db/keyed-reads";

// The two poll_run rows a status view shows per (node, source) — the last run, whatever its
// outcome, and the last successful one — for many pairs in one statement. Each is the row the
// per-pair findFirst (orderBy startedAt desc) gives: index (node_id, source, started_at) for the
// last run, (node_id, source, outcome, started_at) for the last ok, so a long failing streak is
// not walked back to its start.

export interface PollRunHead {
  outcome: PollOutcome;
  message: string | null;
  startedAt: Date;
  finishedAt: Date;
}

export interface PollHeads {
  lastRun: PollRunHead | null;
  /** finishedAt of the last successful run */
  lastOkAt: Date | null;
}

export interface NodeSource {
  nodeId: string;
  source: string;
}

type Ms = bigint | number;

export async function readPollHeads(db: Db, pairs: readonly NodeSource[]): Promise<Map<string, PollHeads>> {
  const d = dialectOf(db);
  const newest = (alias: string, where: string) =>
    Prisma.raw(
      `${alias}."id" = (SELECT i."id" FROM "poll_run" i WHERE i."node_id" = k.column1 AND i."source" = k.column2${where} ORDER BY i."started_at" DESC LIMIT 1)`,
    );
  // One statement, two seeks per pair; a pair without a last run has no last ok either.
  const rows = await inChunks(
    pairs.map((p) => [p.nodeId, p.source]),
    (chunk) =>
      db.$queryRaw<
        {
          node_id: string;
          source: string;
          outcome: PollOutcome;
          message: string | null;
          started_ms: Ms;
          finished_ms: Ms;
          ok_finished_ms: Ms | null;
        }[]
      >(Prisma.sql`
      SELECT k.column1 AS node_id, k.column2 AS source, r."outcome", r."message", ${d.epochMs('r."started_at"')} AS started_ms,
             ${d.epochMs('r."finished_at"')} AS finished_ms, ${d.epochMs('o."finished_at"')} AS ok_finished_ms
        FROM ${keysTable(chunk)}
        JOIN "poll_run" r ON ${newest("r", "")}
        LEFT JOIN "poll_run" o ON ${newest("o", ` AND i."outcome" = 'ok'`)}`),
  );
  const out = new Map<string, PollHeads>(
    pairs.map((p) => [nodeSourceKey(p.nodeId, p.source), { lastRun: null, lastOkAt: null }]),
  );
  for (const r of rows)
    out.set(nodeSourceKey(r.node_id, r.source), {
      lastRun: {
        outcome: r.outcome,
        message: r.message,
        startedAt: dateOf(r.started_ms),
        finishedAt: dateOf(r.finished_ms),
      },
      lastOkAt: r.ok_finished_ms === null ? null : dateOf(r.ok_finished_ms),
    });
  return out;
}
