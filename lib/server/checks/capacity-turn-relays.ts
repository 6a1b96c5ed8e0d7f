import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { CAPACITY_WARN_RATIO, DEFAULT_TURN_RELAY_CAPACITY, usageVerdict } from "@/lib/domain/capacity";
import { SOURCES } from "@/lib/domain/sources";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// TURN relays in use on each Expressway-E (V5) against its platform's relay capacity (R4: the TURN
// option key; Cisco: 1800 relays on Small/Medium, 6000 on Large). A full Expressway-E answers
// Allocate with 486/508 and outside guests get no media (T1-like symptoms).
export const capacityTurnRelays = defineCheck({
  id: "capacity-turn-relays",
  domainIds: ["V5", "R4"],
  title: "Expressway-E TURN relays have headroom",
  area: "turn-relays",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E").map((n) => ctx.reading(n.id, SOURCES.turnRelays));
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const unknown = unknownIfUnusable(es);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const bad: { status: "warn" | "fail"; text: string }[] = [];
    const defaults: string[] = [];
    for (const r of es) {
      const capacity = r.node.turnRelayCapacity ?? DEFAULT_TURN_RELAY_CAPACITY;
      if (!r.node.turnRelayCapacity) defaults.push(r.node.name);
      const cur = r.data!.current;
      evidence.push(ev(r, "relays", `${cur} of ${capacity} (${((cur / capacity) * 100).toFixed(0)} %)`));
      const v = usageVerdict(cur, capacity);
      if (v !== "pass") bad.push({ status: v, text: `${r.node.name}: ${cur} of ${capacity} relays in use` });
    }
    if (!bad.length)
      return {
        status: "pass",
        summary: `Every Expressway-E is below ${CAPACITY_WARN_RATIO * 100} % of its relay capacity.`,
        evidence,
        fix: [],
      };
    return {
      status: bad.some((b) => b.status === "fail") ? "fail" : "warn",
      summary: `${bad.map((b) => b.text).join("; ")}.`,
      evidence,
      fix: [
        ...(defaults.length
          ? [
              `Capacity assumed for ${defaults.join(", ")}: ${DEFAULT_TURN_RELAY_CAPACITY} relays (Cisco's Small/Medium figure; a Large VM holds 6000 over 6 ports). Set the real figure in Settings > the node > TURN relay capacity.`,
            ]
          : []),
        "Add an Expressway-E to the cluster (with its own CMS turnServer, C5) or move to a Large VM; check the TURN relay licences (R4).",
        "History shows the relay trend and the days until the capacity at that trend.",
      ],
    };
  },
});
