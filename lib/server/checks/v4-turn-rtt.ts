import "server-only";
import type { FailingItem } from "@/lib/domain/failing-items";
import type { CheckEvidence } from "@/lib/domain/checks";
import { alarmItem, alarmsForCheck, alarmText } from "@/lib/domain/cms-alarms";
import { addressesUnknown, cmsTurnReading, isReading, turnServersOf } from "./cms-turn";
import { SOURCES } from "@/lib/domain/sources";
import { ev, isUsable, nodesOf, noEvidenceUnknown } from "./support";
import { defineCheck, type CheckContext } from "./types";

// V4: every turnServer's status reports its host reachable with a round-trip time under the
// deployment's threshold. CMS says three different things, each its own finding: a host it marks
// reachable=false (the Call Bridge does not reach serverAddress on UDP 3478, R7, or TURN is off,
// R4), a reachable host that is slow, and no status at all. A turnServerUnavailable alarm naming
// the turnServer is the same finding from CMS's alarm list (lib/domain/cms-alarms.ts). Each failing
// item names its Expressway-E node (a down node explains only its own), and an alarm the symptoms
// its type points at.

const NOT_REACHED_FIX = [
  "CMS API: GET /api/v1/turnServers/<id>/status shows the host reachable=false or without roundTripTimeMs: the Call Bridge gets no answer from that TURN server (V4).",
  "UDP 3478 must be open from CMS to Expressway-E's private address (R7); serverAddress must be that private address (C5).",
  "Expressway-E: Configuration > Traversal > TURN: TURN services On (R4/C3).",
];

/** turnServerUnavailable alarms (as evidence, and as the verdict weighs them) by the turnServer GUID they name. */
function unavailableAlarms(ctx: CheckContext): Map<string, { evidence: CheckEvidence; item: FailingItem }[]> {
  const out = new Map<string, { evidence: CheckEvidence; item: FailingItem }[]>();
  for (const n of nodesOf(ctx, "CMS")) {
    const r = ctx.reading(n.id, SOURCES.cmsAlarms);
    if (!isUsable(r)) continue;
    for (const a of alarmsForCheck(r.data!.content.alarms, "v4-turn-rtt")) {
      const id = a.parameters?.turnServer;
      if (id)
        out.set(id, [...(out.get(id) ?? []), { evidence: ev(r, "CMS alarm", alarmText(a)), item: alarmItem(a, n) }]);
    }
  }
  return out;
}

export const v4TurnRtt = defineCheck({
  id: "v4-turn-rtt",
  domainIds: ["V4", "R7"],
  title: "Every turnServer reports a reachable host with an RTT under the threshold",
  area: "turn-servers",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const r = cmsTurnReading(ctx);
    if (!isReading(r)) return r;
    const bare = addressesUnknown(ctx);
    if (bare) return bare;
    const status = r.data!.status;
    if (!status)
      return noEvidenceUnknown("CMS has not reported any turnServer status yet.", [
        "Poll now; CMS versions without turnServers/<id>/status cannot show V4.",
      ]);
    const missingParts = new Set((r.data!.content.parts ?? []).map((p) => p.location));
    const alarms = unavailableAlarms(ctx);
    const threshold = ctx.deployment.rttThresholdMs;
    const evidence = [];
    const unreachable: string[] = [];
    const noRtt: string[] = [];
    const noStatus: string[] = [];
    const slow: string[] = [];
    // Each finding per node: in a few words for the wall board, in full for the verdict.
    const items: FailingItem[] = [];
    const slowItems: FailingItem[] = [];
    for (const e of es) {
      for (const t of turnServersOf(e, r.data!.content.turnServers)) {
        const hosts = status.hosts.filter((h) => h.turnServerId === t.id);
        const where = `${e.name} (${t.serverAddress ?? "?"})`;
        for (const a of alarms.get(t.id) ?? []) {
          evidence.push(a.evidence);
          unreachable.push(`CMS alarm turnServerUnavailable names ${where}`);
          items.push({
            ...a.item,
            node: e.name,
            nodeId: e.id,
            reason: "CMS alarm: TURN server unavailable",
            about: `CMS alarm ${a.item.about} names ${where}`,
          });
        }
        if (!hosts.length) {
          const partMissing = [...missingParts].some((l) => l.includes(t.id));
          evidence.push({
            ...ev(
              r,
              `status of ${where}`,
              partMissing ? "status not readable (see the source's parts)" : "no host reported",
            ),
            ageMs: r.ageMs,
          });
          noStatus.push(`${where}: CMS gave no status`);
          items.push({
            node: e.name,
            nodeId: e.id,
            reason: "CMS gave no TURN status",
            about: `${where}: CMS gave no status`,
          });
          continue;
        }
        for (const h of hosts) {
          const value =
            h.reachable === false ? "unreachable" : h.rttMs === null ? "reachable, no RTT" : `${h.rttMs} ms`;
          evidence.push({ ...ev(r, `RTT to ${e.name} (${h.hostAddress})`, value), ageMs: r.ageMs });
          if (h.reachable === false) unreachable.push(`CMS reports ${h.hostAddress} unreachable (${e.name})`);
          else if (h.rttMs === null) noRtt.push(`${e.name} (${h.hostAddress}): no RTT`);
          if (h.reachable === false || h.rttMs === null) {
            items.push({
              node: e.name,
              nodeId: e.id,
              reason: h.reachable === false ? "CMS reports TURN unreachable" : "CMS gets no TURN RTT",
              about: `${e.name} (${h.hostAddress}): ${value}`,
            });
          } else if (h.rttMs > threshold) {
            slow.push(`${e.name} (${h.hostAddress}): ${h.rttMs} ms > ${threshold} ms`);
            slowItems.push({ node: e.name, reason: `TURN RTT ${h.rttMs} ms` });
          }
        }
      }
    }
    if (!evidence.length)
      return {
        status: "fail",
        summary: "No turnServer matches any Expressway-E node, so there is no RTT to read.",
        evidence: [ev(r, "turnServers", "none match")],
        fix: ["Create one turnServer per Expressway-E node (C5), then re-check."],
      };
    const fails = [...new Set(unreachable), ...noRtt, ...noStatus];
    if (fails.length) {
      const fix =
        noStatus.length && !unreachable.length && !noRtt.length
          ? [
              "CMS gave no host status for this turnServer: read GET /api/v1/turnServers/<id>/status on the CMS API, and see the source's parts on the deployment page.",
              ...NOT_REACHED_FIX.slice(1),
            ]
          : NOT_REACHED_FIX;
      return { status: "fail", summary: `${fails.join("; ")}.`, evidence, fix, items };
    }
    if (slow.length)
      return {
        status: "warn",
        summary: `Reachable but slow: ${slow.join(", ")}.`,
        evidence,
        items: slowItems,
        fix: [
          "Check the network path from the Call Bridge to Expressway-E's private address, or raise the threshold in Settings > Deployments if this latency is expected.",
        ],
      };
    return {
      status: "pass",
      summary: `Every turnServer host is reachable with an RTT under ${threshold} ms.`,
      evidence,
      fix: [],
    };
  },
});
