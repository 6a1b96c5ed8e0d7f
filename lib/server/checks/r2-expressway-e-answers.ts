import "server-only";
import { wallReason } from "@/lib/domain/board-words";
import type { PollOutcome } from "@/lib/domain/types";
import { SOURCES } from "@/lib/domain/sources";
import { ev, nodesOf, noEvidenceUnknown } from "./support";
import { defineCheck } from "./types";

// R2: an Expressway-E that does not answer at all (down, or its address unreachable) takes its
// SSH tunnels and its TURN server with it, so the troubleshooting verdict names it as their root
// cause — of that node's items only (each down node's item names it). Read from the most
// frequent Expressway-E poll (TURN relays, every 10 s).

/** Outcomes that mean nothing answered; auth, tls, http and parse mean the node is up. */
const NO_ANSWER: readonly PollOutcome[] = ["timeout", "unreachable"];

export const r2ExpresswayEAnswers = defineCheck({
  id: "r2-expressway-e-answers",
  domainIds: ["R2"],
  title: "Every Expressway-E answers",
  area: "tunnels",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const readings = es.map((e) => ctx.reading(e.id, SOURCES.turnRelays));
    const down = readings.filter((r) => r.lastOutcome !== null && NO_ANSWER.includes(r.lastOutcome));
    const evidence = readings.map((r) =>
      ev(
        r,
        "last poll",
        r.lastOutcome
          ? `${r.lastOutcome}${r.lastMessage ? `: ${r.lastMessage}` : ""}`
          : r.data === null
            ? "never polled"
            : "ok",
      ),
    );
    if (down.length) {
      return {
        status: "fail",
        summary: `${down.map((r) => `${r.node.name}: ${r.lastOutcome}`).join("; ")} — the node does not answer, so its SSH tunnels and TURN server are down with it.`,
        evidence,
        items: down.map((r) => ({
          node: r.node.name,
          nodeId: r.node.id,
          // "vcs-e1: not answering (connection refused) · R2"; the summary says what it takes down with it.
          reason: `not answering (${r.lastMessage ? wallReason(r.lastMessage) : r.lastOutcome})`,
          about: `${r.node.name}: ${r.lastOutcome}`,
        })),
        fix: [
          "Check the Expressway-E itself: powered on, its services running (console or VM host), and its network interfaces up.",
          "From Edgescope's host, reach its management address (Settings > Deployments > the node > Test connection).",
          "Once it answers, Expressway-C's Status > Unified Communications > SSH tunnels show its Join URL tunnel Active again (V3).",
        ],
      };
    }
    // No recent poll says nothing about whether the node answers now.
    const unsure = readings.filter((r) => r.stale);
    if (unsure.length)
      return {
        status: "unknown",
        summary: `No recent poll of ${unsure.map((r) => r.node.name).join(", ")}.`,
        evidence,
        fix: ["Poll the deployment now (Poll now on the deployment page)."],
      };
    return { status: "pass", summary: `All ${es.length} Expressway-E nodes answer.`, evidence, fix: [] };
  },
});
