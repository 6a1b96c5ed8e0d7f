import "server-only";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { DeliveryError } from "./channels";
import { testPayload } from "./manage-alerts";
import { deliverTo } from "./sender";

/** Send test: delivers a test message now (not through the outbox) and says how it went. */
export async function sendChannelTest(
  db: Db,
  env: Env,
  box: SecretBox,
  id: string,
): Promise<{ ok: true; channel: string }> {
  const channel = await db.alertChannel.findUnique({ where: { id } });
  if (!channel) throw notFound("Channel");
  try {
    await deliverTo(box, channel, testPayload(channel.name, env.EDGESCOPE_PUBLIC_URL), {
      webexApiUrl: env.EDGESCOPE_WEBEX_API_URL,
    });
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : `internal error: ${(err as Error).message}`;
    await db.alertChannel.update({ where: { id }, data: { lastError: `test: ${reason}`.slice(0, 500) } });
    throw new AppError(502, "delivery_failed", `The test message was not delivered: ${reason}`);
  }
  await db.alertChannel.update({ where: { id }, data: { lastSentAt: new Date(), lastError: null } });
  return { ok: true, channel: channel.name };
}
