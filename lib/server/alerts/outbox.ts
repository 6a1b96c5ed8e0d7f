import "server-only";
import crypto from "node:crypto";
import type { AlertEvent, AlertPayload } from "@/lib/domain/alerts/payload";
import type { Db } from "@/lib/server/db/client";
import type { AlertMessage } from "@/lib/generated/prisma/client";

// The transactional outbox. Messages are written in the same transaction as the alert change that
// owes them (so a crash can lose neither without the other), and delivered by the sender job. A
// row is claimed by a lease (lease_holder, lease_until) set in one conditional UPDATE: on
// PostgreSQL with several instances exactly one claim succeeds; an instance killed mid-send
// leaves a lease that expires, and the row is sent again by whoever claims it next. That makes
// delivery at-least-once across a crash: receivers drop a repeat by its messageId.

type Tx = Pick<Db, "alertMessage">;

/** Give up after this many attempts (~2 days of backoff); the row stays, marked dead, for the page. */
export const MAX_ATTEMPTS = 20;
/** First retry after 5 s, doubling, at most an hour apart. */
export const backoffMs = (attempts: number) => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
/** Consecutive failures after which a channel shows as failing. */
export const FAILING_AFTER = 3;

export async function enqueue(
  tx: Tx,
  alertId: string | null,
  channelIds: readonly string[],
  event: AlertEvent,
  payload: Omit<AlertPayload, "messageId" | "event">,
  now: Date,
): Promise<string[]> {
  const ids = channelIds.map(() => crypto.randomUUID());
  if (!ids.length) return ids;
  await tx.alertMessage.createMany({
    data: channelIds.map((channelId, i) => ({
      id: ids[i]!,
      alertId,
      channelId,
      event,
      payload: JSON.stringify({ ...payload, messageId: ids[i]!, event } satisfies AlertPayload),
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
  return ids;
}

/** Claims up to `limit` due messages for `holder`; each row is claimed by one conditional UPDATE. */
export async function claimDue(
  db: Db,
  holder: string,
  leaseMs: number,
  limit: number,
  now = new Date(),
): Promise<AlertMessage[]> {
  const free = {
    status: "pending",
    nextAttemptAt: { lte: now },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
  const candidates = await db.alertMessage.findMany({
    where: free,
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const claimed: AlertMessage[] = [];
  for (const { id } of candidates) {
    const { count } = await db.alertMessage.updateMany({
      where: { id, ...free },
      data: { leaseHolder: holder, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (count) claimed.push(await db.alertMessage.findUniqueOrThrow({ where: { id } }));
  }
  return claimed;
}

export async function markSent(db: Db, m: AlertMessage, holder: string, now = new Date()): Promise<void> {
  await db.$transaction([
    db.alertMessage.updateMany({
      where: { id: m.id, leaseHolder: holder },
      data: {
        status: "sent",
        sentAt: now,
        sentBy: holder,
        attempts: { increment: 1 },
        leaseUntil: null,
        lastError: null,
      },
    }),
    db.alertChannel.updateMany({
      where: { id: m.channelId },
      data: { lastSentAt: now, failures: 0, failingSince: null, lastError: null },
    }),
  ]);
}

export async function markFailed(
  db: Db,
  m: AlertMessage,
  holder: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  const attempts = m.attempts + 1;
  const dead = attempts >= MAX_ATTEMPTS;
  await db.$transaction(async (tx) => {
    await tx.alertMessage.updateMany({
      where: { id: m.id, leaseHolder: holder },
      data: {
        attempts,
        lastError: reason.slice(0, 500),
        leaseUntil: null,
        status: dead ? "dead" : "pending",
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
      },
    });
    const ch = await tx.alertChannel.findUnique({
      where: { id: m.channelId },
      select: { failures: true, failingSince: true },
    });
    if (!ch) return;
    const failures = ch.failures + 1;
    await tx.alertChannel.update({
      where: { id: m.channelId },
      data: {
        failures,
        lastError: reason.slice(0, 500),
        failingSince: ch.failingSince ?? (failures >= FAILING_AFTER ? now : null),
      },
    });
  });
}
