import "server-only";
import crypto from "node:crypto";
import type { ChannelConfig } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { postJson } from "./http-post";

/**
 * HMAC-SHA256 over "<timestamp>.<body>" (the timestamp lets a receiver refuse old replays), hex,
 * sent as X-Edgescope-Signature: sha256=<hex> with X-Edgescope-Timestamp (unix seconds).
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export async function sendWebhook(
  config: ChannelConfig<"webhook">,
  payload: AlertPayload,
  now = Date.now(),
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now / 1000));
  const headers: Record<string, string> = {
    "x-edgescope-event": payload.event,
    "x-edgescope-message-id": payload.messageId,
    "x-edgescope-timestamp": timestamp,
  };
  if (config.secret) headers["x-edgescope-signature"] = signWebhook(config.secret, timestamp, body);
  await postJson(config.url, body, headers);
}
