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

const asStatus = (s: string): CheckStatus => ((CHECK_STATUSES as readonly string[]).includes(s) ? (s as CheckStatus) : "unknown");

/**
 * The recorded status changes of some checks of one deployment, oldest first, at most
 * CHECK_HISTORY_ROWS per check. One statement with one index range per check (deployment, check, at).
 */
export async function getCheckChanges(db: Db, deploymentId: string, checkIds: string[]): Promise<Map<string, { changes: CheckChange[]; cut: boolean }>> {
  const out = new Map<string, { changes: CheckChange[]; cut: boolean }>();
  if (!checkIds.length) return out;
  const d = dialectOf(db);
  const legs = checkIds.map((id, i) => Prisma.sql`SELECT * FROM (
      SELECT "check_id", "status", ${d.epochMs('"at"')} AS at_ms FROM "check_state"
       WHERE "deployment_id" = ${deploymentId} AND "check_id" = ${id}
       ORDER BY "at" DESC LIMIT ${Prisma.raw(String(CHECK_HISTORY_ROWS))}) AS ${Prisma.raw(`l${i}`)}`);
  const rows = await db.$queryRaw<{ check_id: string; status: string; at_ms: bigint | number }[]>(Prisma.sql`${Prisma.join(legs, " UNION ALL ")}`);
  for (const id of checkIds) out.set(id, { changes: [], cut: false });
  for (const r of rows) out.get(r.check_id)?.changes.push({ status: asStatus(r.status), at: Number(r.at_ms) });
  for (const v of out.values()) {
    v.changes.sort((a, b) => a.at - b.at);
    v.cut = v.changes.length >= CHECK_HISTORY_ROWS;
  }
  return out;
}
