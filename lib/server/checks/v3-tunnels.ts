import "server-only";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { SOURCES } from "@/lib/domain/sources";
import { joinTunnelsTo, tunnelView } from "@/lib/domain/web-proxy";
import { ev, nodesOf, noEvidenceUnknown, unknownIfNotAvailable, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// V3: Expressway-C lists a tunnel for the Web Bridge FQDN (the Join URL domain) to each
// Expressway-E node, status Active. Down tunnels are also a T3/T4 cause. The rule itself is
// lib/domain/web-proxy.ts (tunnelView), which the Tunnels panel shows too.
export const v3Tunnels = defineCheck({
  id: "v3-tunnels",
  domainIds: ["V3", "R2"],
  title: "SSH tunnel for the Join URL to every Expressway-E, Active",
  area: "tunnels",
  evaluate(ctx) {
    const cs = nodesOf(ctx, "EXPRESSWAY_C");
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!cs.length || !es.length)
      return noEvidenceUnknown("The deployment needs an Expressway-C and at least one Expressway-E node.", [
        "Settings > Deployments: add the Expressway-C and every Expressway-E node.",
      ]);
    const readings = cs.map((c) => ctx.reading(c.id, SOURCES.tunnels));
    const unknown = unknownIfUnusable(readings) ?? unknownIfNotAvailable(readings);
    if (unknown) return unknown;
    const join = ctx.deployment.joinUrl;
    const evidence = [];
    // Per Expressway-E node, so a node that is down (R2) explains only the tunnel to it.
    const problems: FailingItem[] = [];
    for (const r of readings) {
      const { rows } = tunnelView(
        r.data!.content.tunnels,
        es.map((e) => e.name),
        join,
      );
      for (const e of es) {
        const mine = joinTunnelsTo(rows, e.name);
        const status = mine.length ? mine.map((t) => t.status).join(", ") : "no tunnel";
        evidence.push(ev(r, `tunnel ${join} → ${e.name}`, status));
        if (!mine.length || !mine.every((t) => t.active)) {
          problems.push({
            node: e.name,
            nodeId: e.id,
            reason: mine.length ? `tunnel ${status}` : "no tunnel",
            about: `${e.name}: ${status}`,
          });
        }
      }
    }
    if (!problems.length)
      return {
        status: "pass",
        summary: `Tunnels for ${join} to all ${es.length} Expressway-E nodes are Active.`,
        evidence,
        fix: [],
      };
    return {
      status: "fail",
      summary: `Tunnel for ${join} missing or not Active: ${problems.map(itemAbout).join("; ")}.`,
      evidence,
      items: problems,
      fix: [
        "Expressway-C: Status > Unified Communications > SSH tunnels: find the Join URL domain for each Expressway-E node (V3).",
        "No tunnel for the Join URL: Expressway-C, Configuration > Unified Communications > Cisco Meeting Server: Meeting Server Web Proxy enabled with the Join URL as Guest account client URI (C1).",
        "Tunnel not Active: TCP 2222 from Expressway-C to Expressway-E must be open; check DNS (forward and reverse), NTP, certificates and the UC traversal zone account (R2).",
        "Expressway-C: Maintenance > Security > Secure traversal test against each Expressway-E node, then re-check.",
      ],
    };
  },
});
