import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkStatusOf, type CheckResult, type CheckStatus } from "@/lib/domain/checks";
import type { CheckChange } from "@/lib/domain/board";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, inChunks, keysTable, newestPerKey } from "@/lib/server/db/keyed-reads";

// The one owner of the check_state table: the recorder writes a row per change of a check's status,
// the board reads the newest changes of many checks for its "since", the alert evaluator the
// newest state of every check, the history the changes in a range.

/** Writes the checks whose status differs from the last one recorded; returns how many changed. */
export async function recordCheckStates(
  db: Db,
  deploymentId: string,
  checks: CheckResult[],
  at = new Date(),
): Promise<number> {
  const last = await db.checkState.findMany({
    where: { deploymentId },
    distinct: ["checkId"],
    orderBy: [{ checkId: "asc" }, { at: "desc" }],
    select: { checkId: true, status: true },
  });
  const previous = new Map(last.map((r) => [r.checkId, r.status]));
  const changed = checks.filter((c) => previous.get(c.id) !== c.status);
  if (changed.length) {
    await db.checkState.createMany({
      data: changed.map((c) => ({
        deploymentId,
        checkId: c.id,
        status: c.status,
        summary: c.summary.slice(0, 500),
        at,
      })),
    });
  }
  return changed.length;
}

/** When each check of a deployment was first recorded (ms): what a backfill must stay before. */
export async function firstRecordedAt(db: Db, deploymentId: string): Promise<Map<string, number>> {
  const rows = await db.checkState.groupBy({ by: ["checkId"], where: { deploymentId }, _min: { at: true } });
  return new Map(rows.map((r) => [r.checkId, r._min.at?.getTime() ?? Infinity]));
}

/** Writes changes as given (the demo history's backfill; the recorder writes through recordCheckStates). */
export async function insertCheckStates(
  db: Db,
  rows: readonly { deploymentId: string; checkId: string; status: string; summary: string; at: Date }[],
): Promise<void> {
  if (rows.length) await db.checkState.createMany({ data: [...rows] });
}

/** A recorded change as the history reads it. */
export interface CheckStateChange {
  checkId: string;
  status: CheckStatus;
  summary: string;
  at: number;
}

/** The changes in [from, to) plus, per check, the last change before `from` (the state that held then). */
export async function readCheckStatesInRange(
  db: Db,
  deploymentId: string,
  from: Date,
  to: Date,
): Promise<CheckStateChange[]> {
  const inRange = await db.checkState.findMany({
    where: { deploymentId, at: { gte: from, lt: to } },
    orderBy: { at: "asc" },
  });
  const before = await db.checkState.findMany({
    where: { deploymentId, at: { lt: from } },
    distinct: ["checkId"],
    orderBy: [{ checkId: "asc" }, { at: "desc" }],
  });
  return [...before, ...inRange].map((r) => ({
    checkId: r.checkId,
    status: checkStatusOf(r.status),
    summary: r.summary,
    at: r.at.getTime(),
  }));
}

/** The newest recorded state of each given (deployment, check), one index seek each, in one statement. */
export async function readLatestCheckStates(
  db: Db,
  keys: readonly { deploymentId: string; checkId: string }[],
): Promise<(CheckStateChange & { deploymentId: string })[]> {
  const d = dialectOf(db);
  const rows = await newestPerKey<{
    deployment_id: string;
    check_id: string;
    status: string;
    summary: string;
    at_ms: bigint | number;
  }>(db, {
    table: "check_state",
    keyColumns: ["deployment_id", "check_id"],
    keys: keys.map((k) => [k.deploymentId, k.checkId]),
    newest: "at",
    select: Prisma.sql`t."deployment_id", t."check_id", t."status", t."summary", ${d.epochMs('t."at"')} AS at_ms`,
  });
  return rows.map((r) => ({
    deploymentId: r.deployment_id,
    checkId: r.check_id,
    status: checkStatusOf(r.status),
    summary: r.summary,
    at: dateOf(r.at_ms).getTime(),
  }));
}

/**
 * Newest recorded changes read per check for the board's "since". A check changes at most once a
 * minute (the recorder's period), so this covers hours of flapping; past it the board says "since"
 * no earlier than the oldest change read (HealthHistory.cut) instead of guessing.
 */
export const CHECK_HISTORY_ROWS = 200;

export interface CheckHistory {
  changes: CheckChange[];
  cut: boolean;
}

/**
 * The recorded status changes of some checks of some deployments (deploymentId → checkId →
 * history), oldest first, at most CHECK_HISTORY_ROWS per check, in one statement for all of them:
 * per check, an index seek (deployment, check, at) finds its CHECK_HISTORY_ROWS-th newest change
 * (1970 when it has fewer), and the rows from there on are one index range.
 */
export async function getCheckChanges(
  db: Db,
  wanted: readonly { deploymentId: string; checkIds: readonly string[] }[],
): Promise<Map<string, Map<string, CheckHistory>>> {
  const out = new Map<string, Map<string, CheckHistory>>(
    wanted.map((w) => [w.deploymentId, new Map(w.checkIds.map((id) => [id, { changes: [], cut: false }]))]),
  );
  const d = dialectOf(db);
  const rows = await inChunks(
    wanted.flatMap((w) => w.checkIds.map((checkId) => [w.deploymentId, checkId])),
    (chunk) =>
      // The bound of each check is computed once, in a materialized CTE: inlined into the join,
      // PostgreSQL may evaluate it again for every candidate row.
      db.$queryRaw<{ deployment_id: string; check_id: string; status: string; at_ms: bigint | number }[]>(Prisma.sql`
      WITH b AS MATERIALIZED (
        SELECT k.column1 AS deployment_id, k.column2 AS check_id,
               COALESCE((SELECT i."at" FROM "check_state" i WHERE i."deployment_id" = k.column1 AND i."check_id" = k.column2
                          ORDER BY i."at" DESC LIMIT 1 OFFSET ${Prisma.raw(String(CHECK_HISTORY_ROWS - 1))}), ${d.timestamp(0)}) AS since
          FROM ${keysTable(chunk)})
      SELECT c."deployment_id", c."check_id", c."status", ${d.epochMs('c."at"')} AS at_ms FROM b
        JOIN "check_state" c ON c."deployment_id" = b.deployment_id AND c."check_id" = b.check_id AND c."at" >= b.since`),
  );
  for (const r of rows)
    out
      .get(r.deployment_id)
      ?.get(r.check_id)
      ?.changes.push({ status: checkStatusOf(r.status), at: Number(r.at_ms) });
  for (const checks of out.values())
    for (const v of checks.values()) {
      v.changes.sort((a, b) => a.at - b.at);
      // Changes at the same instant as the oldest one kept can come along: keep the newest rows.
      if (v.changes.length > CHECK_HISTORY_ROWS) v.changes.splice(0, v.changes.length - CHECK_HISTORY_ROWS);
      v.cut = v.changes.length >= CHECK_HISTORY_ROWS;
    }
  return out;
}
