import "server-only";
import { SOURCES } from "@/lib/domain/sources";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// V5: relay usage is polled on every Expressway-E (Status > TURN relay usage in the UI). The
// per-client list has no known API; the totals are what a live call moves.
export const v5RelayUsage = defineCheck({
  id: "v5-relay-usage",
  domainIds: ["V5"],
  title: "TURN relay usage polled on every Expressway-E",
  area: "turn-relays",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const readings = es.map((e) => ctx.reading(e.id, SOURCES.turnRelays));
    const unknown = unknownIfUnusable(readings);
    if (unknown) return unknown;
    const evidence = readings.map((r) =>
      ev(r, "relays current / peak / total", `${r.data!.current} / ${r.data!.peak} / ${r.data!.total}`),
    );
    const total = readings.reduce((n, r) => n + r.data!.current, 0);
    return {
      status: "pass",
      summary: `Relay usage is current on all ${es.length} Expressway-E nodes: ${total} relays in use now.`,
      evidence,
      fix: [],
    };
  },
});
