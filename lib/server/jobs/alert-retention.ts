import "server-only";
import type { IntervalJob } from "./types";

/** Delivered (or given-up) messages are kept this long for the Alerts page's counts, then deleted. */
const MESSAGE_DAYS = 30;
/** Resolved alerts stay on the Alerts page's "resolved" list this long. */
const RESOLVED_ALERT_DAYS = 90;
const DAY_MS = 86_400_000;

/** Keeps the outbox and the alert history bounded; pending messages and live alerts are never touched. */
export const alertRetentionJob: IntervalJob = {
  name: "alert-retention",
  everyMs: () => 3_600_000,
  firstAfterMs: () => 120_000,
  async run({ db, log }) {
    const now = Date.now();
    const messages = await db.alertMessage.deleteMany({
      where: { status: { in: ["sent", "dead"] }, createdAt: { lt: new Date(now - MESSAGE_DAYS * DAY_MS) } },
    });
    const old = await db.alert.findMany({
      where: { state: "resolved", resolvedAt: { lt: new Date(now - RESOLVED_ALERT_DAYS * DAY_MS) } },
      select: { id: true },
    });
    if (old.length) {
      const ids = old.map((a) => a.id);
      await db.$transaction([
        db.alertMessage.deleteMany({ where: { alertId: { in: ids }, status: { not: "pending" } } }),
        db.alert.deleteMany({ where: { id: { in: ids } } }),
      ]);
    }
    if (messages.count || old.length)
      log(`[edgescope] alert retention deleted ${messages.count} messages, ${old.length} resolved alerts`);
  },
};
