import "server-only";
import type { Db } from "@/lib/server/db/client";

export interface AuditEntry {
  username: string | null;
  action: string;
  target?: string | null;
  /** Never a secret: callers pass names and ids, not bodies. */
  detail?: string | null;
  ip?: string | null;
  outcome?: "ok" | "denied" | "failed";
}

/** Records an event; a failing audit write is logged, never a reason to fail the user's action. */
export async function audit(db: Db, e: AuditEntry, now = new Date()): Promise<void> {
  try {
    await db.auditLog.create({
      data: {
        ts: now,
        username: e.username,
        action: e.action,
        target: e.target ?? null,
        detail: e.detail?.slice(0, 500) ?? null,
        ip: e.ip ?? null,
        outcome: e.outcome ?? "ok",
      },
    });
  } catch (err) {
    console.error(`[edgescope] audit write failed for ${e.action}: ${(err as Error).message}`);
  }
}
