import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHECK_STATUSES, type CheckStatus } from "@/lib/domain/checks";
import type { CheckChange } from "@/lib/domain/board";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";

/**
 * Newest recorded changes read per check for the board's "since". A check changes at most once a
 * minute (the recorder's period), so this covers hours of flapping; past it the board says "since"
 * no earlier than the oldest change read (HealthHistory.cut) instead of guessing.
 */
export const CHECK_HISTORY_ROWS = 200;

/** Checks read per statement: SQLite takes at most 500 SELECTs in one UNION ALL. */
const LEGS_PER_STATEMENT = 200;

const asStatus = (s: string): CheckStatus => ((CHECK_STATUSES as readonly string[]).includes(s) ? (s as CheckStatus) : "unknown");

export interface CheckHistory {
  changes: CheckChange[];
  cut: boolean;
}

/**
 * The recorded status changes of some checks of some deployments (deploymentId → checkId →
 * history), oldest first, at most CHECK_HISTORY_ROWS per check. One statement for every check of
 * every deployment (up to LEGS_PER_STATEMENT), one index range per check (deployment, check, at).
 */
export async function getCheckChanges(db: Db, wanted: readonly { deploymentId: string; checkIds: readonly string[] }[]): Promise<Map<string, Map<string, CheckHistory>>> {
  const out = new Map<string, Map<string, CheckHistory>>(wanted.map((w) => [w.deploymentId, new Map(w.checkIds.map((id) => [id, { changes: [], cut: false }]))]));
  const pairs = wanted.flatMap((w) => w.checkIds.map((checkId) => ({ deploymentId: w.deploymentId, checkId })));
  const d = dialectOf(db);
  for (let i = 0; i < pairs.length; i += LEGS_PER_STATEMENT) {
    const legs = pairs.slice(i, i + LEGS_PER_STATEMENT).map((p, j) => Prisma.sql`SELECT * FROM (
        SELECT "deployment_id", "check_id", "status", ${d.epochMs('"at"')} AS at_ms FROM "check_state"
         WHERE "deployment_id" = ${p.deploymentId} AND "check_id" = ${p.checkId}
         ORDER BY "at" DESC LIMIT ${Prisma.raw(String(CHECK_HISTORY_ROWS))}) AS ${Prisma.raw(`l${j}`)}`);
    const rows = await db.$queryRaw<{ deployment_id: string; check_id: string; status: string; at_ms: bigint | number }[]>(Prisma.sql`${Prisma.join(legs, " UNION ALL ")}`);
    for (const r of rows) out.get(r.deployment_id)?.get(r.check_id)?.changes.push({ status: asStatus(r.status), at: Number(r.at_ms) });
  }
  for (const checks of out.values())
    for (const v of checks.values()) {
      v.changes.sort((a, b) => a.at - b.at);
      v.cut = v.changes.length >= CHECK_HISTORY_ROWS;
    }
  return out;
}
