import "server-only";
import { trimChars } from "@/lib/domain/trim-chars";
import type { ChannelConfig } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { markdownOf, plainTextOf } from "@/lib/domain/alerts/render";
import { postJson } from "./http-post";

/** Webex Messages API: POST {base}/messages with the bot's token; markdown plus a text fallback. */
export async function sendWebex(config: ChannelConfig<"webex">, payload: AlertPayload, apiUrl: string): Promise<void> {
  const body = JSON.stringify({ roomId: config.roomId, markdown: markdownOf(payload), text: plainTextOf(payload) });
  await postJson(`${trimChars(apiUrl, (ch) => ch === "/")}/messages`, body, {
    authorization: `Bearer ${config.token}`,
  });
}
