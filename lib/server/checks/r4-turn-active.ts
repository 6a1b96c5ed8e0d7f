import "server-only";
import { SOURCES } from "@/lib/domain/sources";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// R4/C3: TURN services On (which needs the TURN option key) on every Expressway-E node.
export const r4TurnActive = defineCheck({
  id: "r4-turn-active",
  domainIds: ["R4", "C3"],
  title: "TURN server Active on every Expressway-E",
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
    const evidence = readings.map((r) => ev(r, "TURN server status", r.data!.serverStatus ?? "(not reported)"));
    const inactive = readings
      .filter((r) => r.data!.serverStatus !== null && r.data!.serverStatus.toLowerCase() !== "active")
      .map((r) => r.node.name);
    const notRead = readings.filter((r) => r.data!.serverStatus === null).map((r) => r.node.name);
    // A box that could not give /Status/TURN this time: unknown (its relay counts are still stored).
    if (!inactive.length && notRead.length)
      return {
        status: "unknown",
        summary: `The TURN server status could not be read on ${notRead.join(", ")} (see Not available on the deployment page).`,
        evidence,
        fix: [
          "Open the deployment page: the source's message says why; Expressway-E: Status > TURN shows the state by hand.",
        ],
      };
    if (!inactive.length)
      return { status: "pass", summary: `TURN is Active on all ${es.length} Expressway-E nodes.`, evidence, fix: [] };
    return {
      status: "fail",
      summary: `TURN is not Active on ${inactive.join(", ")}.`,
      evidence,
      items: readings
        .filter((r) => inactive.includes(r.node.name))
        // Node ids: a down Expressway-E (R2) explains its own TURN state, not another node's.
        .map((r) => ({
          node: r.node.name,
          nodeId: r.node.id,
          reason: `TURN ${r.data!.serverStatus ?? "status not reported"}`,
        })),
      fix: [
        "Expressway-E: Maintenance > Option keys: the TURN option key must be installed (R4).",
        "Expressway-E: Configuration > Traversal > TURN: TURN services On; TURN client credentials in the local authentication database (C3).",
        "In a cluster, do this on every Expressway-E node used for TURN (C3).",
      ],
    };
  },
});
