import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { SOURCES } from "@/lib/domain/sources";
import type { PortProbeResult } from "@/lib/server/probes/port";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { missingDetail } from "@/lib/domain/sources/cms-turn-servers";
import { cmsTurnReading, isReading, turnServersOf } from "./cms-turn";
import { ev, nodesOf, noEvidenceUnknown, probeEv, unknownIfNoProbe } from "./support";
import { defineCheck } from "./types";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";

// R6/R11: UDP 3478 answers on every Expressway-E's TURN address; TCP 3478 only matters where the
// turnServer sets tcpPortNumberOverride=3478 — and with TCP 443 enabled for TURN, Expressway no
// longer answers on TCP 3478 (R11). Probed from where Edgescope runs, not from the internet.
export const r6TurnPorts = defineCheck({
  id: "r6-turn-ports",
  domainIds: ["R6", "R11"],
  title: "TURN ports consistent with tcpPortNumberOverride",
  area: "turn-relays",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const cms = cmsTurnReading(ctx);
    const evidence: CheckEvidence[] = [];
    const fails: FailingItem[] = [];
    /** Nodes whose turnServer detail (tcpPortNumberOverride) CMS did not give. */
    const unread: string[] = [];
    for (const e of es) {
      const udp = ctx.probe<PortProbeResult>(PROBE_KEYS.udp(e.id));
      const none = unknownIfNoProbe(udp, `set the public address or TURN probe target of ${e.name}`);
      if (none) return none;
      evidence.push(probeEv(udp, `UDP ${udp.result!.target} (${e.name})`, udp.result!.detail));
      if (!udp.result!.open) {
        const what = `UDP ${udp.result!.target} ${udp.result!.outcome}`;
        fails.push({ node: e.name, nodeId: e.id, reason: what, about: `${e.name}: ${what}` });
      }
      if (!isReading(cms)) continue;
      for (const t of turnServersOf(e, cms.data!.content.turnServers)) {
        const missing = missingDetail(cms.data!.content, t.id);
        if (missing) {
          // Whether TCP 3478 must answer is unknown, not "no override".
          unread.push(`${e.name}: turnServer ${t.id} detail not readable: ${missing.reason}`);
          evidence.push(ev(cms, `tcpPortNumberOverride for ${e.name}`, `unknown: ${missing.reason}`));
          continue;
        }
        evidence.push(
          ev(
            cms,
            `tcpPortNumberOverride for ${e.name}`,
            t.tcpPortNumberOverride === undefined ? "(not set)" : String(t.tcpPortNumberOverride),
          ),
        );
        if (t.tcpPortNumberOverride !== 3478) continue;
        const tcp = ctx.probe<PortProbeResult>(PROBE_KEYS.tcp(e.id));
        if (!tcp.result || tcp.stale) continue;
        evidence.push(probeEv(tcp, `TCP ${tcp.result.target} (${e.name})`, tcp.result.detail));
        if (!tcp.result.open) {
          const what = `TCP ${tcp.result.target} ${tcp.result.outcome}`;
          fails.push({
            node: e.name,
            nodeId: e.id,
            reason: what,
            about: `${e.name}: tcpPortNumberOverride=3478 but ${what}`,
          });
        }
      }
    }
    if (!isReading(cms))
      evidence.push({
        label: "tcpPortNumberOverride",
        value: "unknown: no fresh CMS turnServers",
        source: SOURCES.cmsTurnServers,
        ageMs: null,
      });
    if (fails.length)
      return {
        status: "fail",
        summary: `${fails.map(itemAbout).join("; ")}.`,
        evidence,
        items: fails,
        fix: [
          "Outside firewall: UDP 3478 open from the internet to Expressway-E's public address (R6).",
          "TCP 3478 only where the turnServer sets tcpPortNumberOverride=3478; with TCP 443 enabled for TURN on Expressway-E (Configuration > Traversal > TURN), it no longer answers on TCP 3478 (R11): set tcpPortNumberOverride to match.",
          "With TURN over TCP 443, UDP 3478 must still be open for media (R11).",
        ],
      };
    if (!isReading(cms))
      return {
        status: "unknown",
        summary: "UDP 3478 answers, but the turnServers (tcpPortNumberOverride) are not fresh.",
        evidence,
        waitingOn: [SOURCES.cmsTurnServers],
        fix: ["Poll the Meeting Server again (deployment page: Poll now)."],
      };
    if (unread.length)
      return {
        status: "unknown",
        summary: `UDP 3478 answers, but tcpPortNumberOverride is unknown: ${unread.join("; ")}.`,
        evidence,
        fix: ["CMS API: GET /api/v1/turnServers/<id> for that turnServer, then poll the Meeting Server again."],
      };
    return {
      status: "pass",
      summary: "TURN answers on UDP (and TCP where tcpPortNumberOverride asks for it) on every Expressway-E.",
      evidence,
      fix: [],
    };
  },
});
