import "server-only";
import { addressesUnknown, cmsTurnReading, isReading, turnServersOf } from "./cms-turn";
import { ev, nodesOf, noEvidenceUnknown } from "./support";
import { defineCheck } from "./types";

// V4: every turnServer's status reports a round-trip time, under the deployment's threshold. No
// RTT means the Call Bridge does not reach serverAddress on UDP 3478 (R7), or TURN is off (R4).
export const v4TurnRtt = defineCheck({
  id: "v4-turn-rtt",
  domainIds: ["V4", "R7"],
  title: "Every turnServer reports an RTT under the threshold",
  area: "turn-servers",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length) return noEvidenceUnknown("The deployment has no Expressway-E node.", ["Settings > Deployments: add every Expressway-E node."]);
    const r = cmsTurnReading(ctx);
    if (!isReading(r)) return r;
    const bare = addressesUnknown(ctx);
    if (bare) return bare;
    const status = r.data!.status;
    if (!status) return noEvidenceUnknown("CMS has not reported any turnServer status yet.", ["Poll now; CMS versions without turnServers/<id>/status cannot show V4."]);
    const threshold = ctx.deployment.rttThresholdMs;
    const evidence = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const e of es) {
      for (const t of turnServersOf(e, r.data!.content.turnServers)) {
        const hosts = status.hosts.filter((h) => h.turnServerId === t.id);
        const rtts = hosts.map((h) => h.rttMs).filter((x): x is number => x !== null);
        evidence.push({ ...ev(r, `RTT to ${e.name} (${t.serverAddress ?? "?"})`, rtts.length ? `${rtts.map((x) => `${x} ms`).join(", ")}` : "no RTT reported"), ageMs: r.ageMs });
        if (!rtts.length) fails.push(`${e.name}: no RTT`);
        else if (Math.max(...rtts) > threshold) warns.push(`${e.name}: ${Math.max(...rtts)} ms > ${threshold} ms`);
      }
    }
    if (!evidence.length) return { status: "fail", summary: "No turnServer matches any Expressway-E node, so there is no RTT to read.", evidence: [ev(r, "turnServers", "none match")], fix: ["Create one turnServer per Expressway-E node (C5), then re-check."] };
    if (fails.length)
      return {
        status: "fail",
        summary: `CMS gets no round-trip time from ${fails.join(", ")}.`,
        problems: fails.map((f) => ({ node: f.slice(0, f.indexOf(": ")), reason: "CMS gets no TURN RTT" })),
        evidence,
        fix: [
          "CMS API: GET /api/v1/turnServers/<id>/status shows no RTT: the Call Bridge gets no answer from that TURN server (V4).",
          "UDP 3478 must be open from CMS to Expressway-E's private address (R7); serverAddress must be that private address (C5).",
          "Expressway-E: Configuration > Traversal > TURN: TURN services On (R4/C3).",
        ],
      };
    if (warns.length) return { status: "warn", summary: `RTT above ${threshold} ms: ${warns.join(", ")}.`, evidence, problems: warns.map((w) => { const i = w.indexOf(": "); return { node: w.slice(0, i), reason: `TURN RTT ${w.slice(i + 2)}` }; }), fix: ["Check the network path from the Call Bridge to Expressway-E's private address, or raise the threshold in Settings > Deployments if this latency is expected."] };
    return { status: "pass", summary: `Every turnServer reports an RTT under ${threshold} ms.`, evidence, fix: [] };
  },
});
