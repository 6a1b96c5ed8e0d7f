import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PollOutcome } from "@/lib/domain/types";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, newestPerKey } from "@/lib/server/db/keyed-reads";

// The two poll_run rows a status view shows per (node, source) — the last run, whatever its
// outcome, and the last successful one — for many pairs in two statements. Each is the row the
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

/** Map key of one (node, source) pair. */
export const pairKey = (nodeId: string, source: string): string => `${nodeId}\u0000${source}`;

type Ms = bigint | number;

export async function readPollHeads(db: Db, pairs: readonly NodeSource[]): Promise<Map<string, PollHeads>> {
  const d = dialectOf(db);
  const keys = pairs.map((p) => [p.nodeId, p.source]);
  const common = { table: "poll_run", keyColumns: ["node_id", "source"], keys, newest: "started_at" } as const;
  const [runs, oks] = await Promise.all([
    newestPerKey<{ node_id: string; source: string; outcome: PollOutcome; message: string | null; started_ms: Ms; finished_ms: Ms }>(db, {
      ...common,
      select: Prisma.sql`t."node_id", t."source", t."outcome", t."message", ${d.epochMs('t."started_at"')} AS started_ms, ${d.epochMs('t."finished_at"')} AS finished_ms`,
    }),
    newestPerKey<{ node_id: string; source: string; finished_ms: Ms }>(db, {
      ...common,
      where: Prisma.sql`i."outcome" = 'ok'`,
      select: Prisma.sql`t."node_id", t."source", ${d.epochMs('t."finished_at"')} AS finished_ms`,
    }),
  ]);
  const out = new Map<string, PollHeads>(pairs.map((p) => [pairKey(p.nodeId, p.source), { lastRun: null, lastOkAt: null }]));
  for (const r of runs)
    out.get(pairKey(r.node_id, r.source))!.lastRun = { outcome: r.outcome, message: r.message, startedAt: dateOf(r.started_ms), finishedAt: dateOf(r.finished_ms) };
  for (const r of oks) out.get(pairKey(r.node_id, r.source))!.lastOkAt = dateOf(r.finished_ms);
  return out;
}
