import "server-only";
import type { ChannelType } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import type { AlertMessage } from "@/lib/generated/prisma/client";
import { channelConfig } from "./channel-store";
import { DeliveryError, SENDERS, type SendContext } from "./channels";
import { claimDue, markFailed, markSent } from "./outbox";

export interface SenderDeps {
  db: Db;
  box: SecretBox;
  ctx: SendContext;
  /** This instance's id: the claim's lease holder */
  holder: string;
  /** How long a claim lasts: longer than a delivery's timeout, short enough that a crash delays little */
  leaseMs?: number;
  log?: (line: string) => void;
}

/** Three delivery timeouts: a claim never lapses while its send can still succeed. */
export const SEND_LEASE_MS = 30_000;
/** Messages claimed per pass; delivered concurrently. */
const BATCH = 10;

/** One pass of the sender: claim what is due, deliver, record the outcome. Returns how many were sent. */
export async function sendDueMessages(d: SenderDeps, now = new Date()): Promise<number> {
  const claimed = await claimDue(d.db, d.holder, d.leaseMs ?? SEND_LEASE_MS, BATCH, now);
  const results = await Promise.all(claimed.map((m) => deliver(d, m)));
  return results.filter(Boolean).length;
}

async function deliver(d: SenderDeps, m: AlertMessage): Promise<boolean> {
  const channel = await d.db.alertChannel.findUnique({ where: { id: m.channelId } });
  if (!channel || !channel.enabled) {
    await d.db.alertMessage.updateMany({
      where: { id: m.id, leaseHolder: d.holder },
      data: { status: "dead", lastError: "channel disabled or deleted", leaseUntil: null },
    });
    return false;
  }
  try {
    await deliverTo(d.box, channel, JSON.parse(m.payload) as AlertPayload, d.ctx);
    await markSent(d.db, m, d.holder);
    return true;
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : `internal error: ${(err as Error).message}`;
    d.log?.(`[edgescope] alert message ${m.id} to "${channel.name}" failed (attempt ${m.attempts + 1}): ${reason}`);
    await markFailed(d.db, m, d.holder, reason);
    return false;
  }
}

/** Sends one payload through one channel now (also the channel's Send test). */
export function deliverTo(
  box: SecretBox,
  channel: { type: string } & Parameters<typeof channelConfig>[0],
  payload: AlertPayload,
  ctx: SendContext,
): Promise<void> {
  const send = SENDERS[channel.type as ChannelType];
  if (!send) throw new DeliveryError(`unknown channel type ${channel.type}`);
  return send(channelConfig(channel, box) as never, payload, ctx);
}
