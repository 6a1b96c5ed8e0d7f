import "server-only";
import type { ChannelConfig } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { MARKDOWN_LINK, markdownOf, titleOf } from "@/lib/domain/alerts/render";
import { postJson } from "./http-post";

/** Slack's mrkdwn: *bold*, <url|text>; &, < and > escaped as Slack asks. */
export function slackMrkdwn(markdown: string): string {
  return markdown
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/^&gt; /gm, "> ")
    .replace(/\*\*([^*]+)\*\*/g, "*$1*")
    .replace(MARKDOWN_LINK, "<$2|$1>");
}

/** Incoming webhook: `text` is the notification fallback, blocks the message (a section holds ≤ 3000 chars). */
export async function sendSlack(config: ChannelConfig<"slack">, payload: AlertPayload): Promise<void> {
  const title = titleOf(payload);
  const body = {
    text: title,
    blocks: [
      { type: "header", text: { type: "plain_text", text: title.slice(0, 150) } },
      {
        type: "section",
        text: { type: "mrkdwn", text: slackMrkdwn(markdownOf(payload).split("\n").slice(2).join("\n")).slice(0, 3000) },
      },
    ],
  };
  await postJson(config.url, JSON.stringify(body));
}
