// Text forms of an alert message for people (e-mail, Teams, Webex, Slack): one title and one
// Markdown body, so every channel says the same thing.
import { formatDuration } from "./state-machine";
import type { AlertPayload } from "./payload";

const EVENT_WORD = { firing: "FIRING", repeat: "STILL FIRING", resolved: "RESOLVED", test: "TEST" } as const;

export function titleOf(p: AlertPayload): string {
  const what = p.check
    ? `${p.check.title} (${p.check.domainIds.join(", ")})`
    : p.alert.kind === "stale"
      ? `no fresh data from ${p.node?.name ?? "a node"}`
      : `polls of ${p.node?.name ?? "a node"} fail`;
  return `[${EVENT_WORD[p.event]}] ${p.deployment.name}: ${what}`;
}

/** Facts as label/value pairs, in the order every channel shows them. */
export function factsOf(p: AlertPayload): [string, string][] {
  const facts: [string, string][] = [
    ["Deployment", `${p.deployment.name} (${p.deployment.id})`],
    ["Status", p.status],
    ["Since", p.alert.since],
  ];
  if (p.node) facts.push(["Node", `${p.node.name} (${p.node.role}, ${p.node.id})`]);
  if (p.check) facts.push(["Check", `${p.check.id} · ${p.check.domainIds.join(", ")} · ${p.check.area}`]);
  if (p.event === "resolved" && p.alert.durationSeconds !== null)
    facts.push(["Lasted", formatDuration(p.alert.durationSeconds * 1000)]);
  if (p.scenario)
    facts.push([
      "Likely scenario",
      `${p.scenario.id} ${p.scenario.title} (${p.scenario.verdict}, confidence ${Math.round(p.scenario.confidence * 100)} %)`,
    ]);
  facts.push(["Rule", p.alert.rule.name]);
  return facts;
}

export function markdownOf(p: AlertPayload): string {
  const lines = [`**${titleOf(p)}**`, "", p.summary, ""];
  for (const [k, v] of factsOf(p)) lines.push(`- **${k}:** ${v}`);
  if (p.words) lines.push("", `> ${p.words.replace(/\n/g, "\n> ")}`);
  if (p.event !== "resolved" && p.fix.length) {
    lines.push("", "**First steps**");
    p.fix.slice(0, 5).forEach((s, i) => lines.push(`${i + 1}. ${s}`));
  }
  lines.push("", `[Open the deployment](${p.deployment.url})`);
  return lines.join("\n");
}

/**
 * A Markdown link `[text](url)`. Text and URL stop at the next bracket of their kind, so a run of
 * "[[" costs one pass, not one per "[" (tests/unit/regex-safety.test.ts).
 */
export const MARKDOWN_LINK = /\[([^[\]]+)\]\(([^()]+)\)/g;

export function plainTextOf(p: AlertPayload): string {
  return markdownOf(p).replace(/\*\*/g, "").replace(MARKDOWN_LINK, "$1: $2");
}
