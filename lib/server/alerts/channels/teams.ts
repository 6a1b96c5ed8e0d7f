import "server-only";
import type { ChannelConfig } from "@/lib/domain/alerts/channel-config";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { factsOf, titleOf } from "@/lib/domain/alerts/render";
import { postJson } from "./http-post";

/** Adaptive Card 1.4: the version Teams renders everywhere (desktop, web, mobile). */
export function adaptiveCard(p: AlertPayload) {
  const color =
    p.event === "resolved"
      ? "Good"
      : p.event === "test"
        ? "Accent"
        : p.alert.severity === "warn"
          ? "Warning"
          : "Attention";
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: titleOf(p), weight: "Bolder", size: "Medium", color, wrap: true },
    { type: "TextBlock", text: p.summary, wrap: true },
    { type: "FactSet", facts: factsOf(p).map(([title, value]) => ({ title, value })) },
  ];
  if (p.words) body.push({ type: "TextBlock", text: p.words, wrap: true, isSubtle: true, fontType: "Monospace" });
  if (p.event !== "resolved" && p.fix.length) {
    body.push({ type: "TextBlock", text: "First steps", weight: "Bolder", wrap: true });
    body.push({
      type: "TextBlock",
      text: p.fix
        .slice(0, 5)
        .map((s, i) => `${i + 1}. ${s}`)
        .join("\r"),
      wrap: true,
    });
  }
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    actions: [{ type: "Action.OpenUrl", title: "Open the deployment", url: p.deployment.url }],
  };
}

/** The message shape a Teams Workflows "When a Teams webhook request is received" flow posts as a card. */
export async function sendTeams(config: ChannelConfig<"teams">, payload: AlertPayload): Promise<void> {
  const message = {
    type: "message",
    attachments: [
      { contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: adaptiveCard(payload) },
    ],
  };
  await postJson(config.url, JSON.stringify(message));
}
