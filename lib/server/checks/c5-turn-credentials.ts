import "server-only";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import type { CheckEvidence } from "@/lib/domain/checks";
import type { TurnProbeResult } from "@/lib/server/probes/turn";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { missingDetail } from "@/lib/domain/sources/cms-turn-servers";
import { cmsTurnReading, isReading, turnServersOf } from "./cms-turn";
import { ev, nodesOf, noEvidenceUnknown, probeEv, unknownIfNoProbe } from "./support";
import { defineCheck, type CheckNode } from "./types";

// C5 (with C3, T1): the turnServer credentials work. CMS never returns the password, so the admin
// enters it in Edgescope and a TURN Allocate with it goes to each Expressway-E. A rejection (401,
// or Expressway's 431) is exactly what the browser and CMS hit in T1.
const REJECTED = new Set(["unauthorized", "integrity-check-failure"]);
const UNREACHED = new Set(["timeout", "unreachable"]);

export const c5TurnCredentials = defineCheck({
  id: "c5-turn-credentials",
  domainIds: ["C5", "C3", "T1"],
  title: "TURN credentials work on every Expressway-E (TURN Allocate)",
  area: "turn-servers",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const cms = cmsTurnReading(ctx);
    const evidence: CheckEvidence[] = [];
    const rejected: FailingItem[] = [];
    const reject = (e: CheckNode, about: string) =>
      rejected.push({ node: e.name, nodeId: e.id, reason: "TURN credentials rejected", about });
    const other: string[] = [];
    /** Expressway-E nodes whose turnServer detail (its username) CMS did not give. */
    const unread: string[] = [];
    for (const e of es) {
      const p = ctx.probe<TurnProbeResult>(PROBE_KEYS.turn(e.id));
      const none = unknownIfNoProbe(
        p,
        `enter the TURN credentials of ${e.name} (Settings > TURN credentials) and its public address or TURN probe target`,
      );
      if (none) return none;
      const r = p.result!;
      const user = p.meta?.username ?? "?";
      evidence.push(
        probeEv(
          p,
          `Allocate as ${user} on ${e.name}`,
          `${r.outcome}${r.errorCode ? ` ${r.errorCode} ${r.errorReason ?? ""}` : ""}`.trim(),
        ),
      );
      if (UNREACHED.has(r.outcome))
        return {
          status: "unknown",
          summary: `${e.name}'s TURN port did not answer (${r.outcome}), so the credentials could not be tried; see R6.`,
          evidence,
          fix: ["Check r6-turn-ports: UDP 3478 must reach Expressway-E (R6), then run the probes again."],
        };
      if (REJECTED.has(r.outcome)) reject(e, `${e.name} rejected ${user} (${r.errorCode ?? r.outcome})`);
      else if (r.outcome !== "ok") other.push(`${e.name}: ${r.outcome}`);
      // The username CMS sends must be the one that works (C5 = C3 credentials).
      if (isReading(cms)) {
        for (const t of turnServersOf(e, cms.data!.content.turnServers)) {
          const missing = missingDetail(cms.data!.content, t.id);
          if (missing) {
            unread.push(`${e.name}: turnServer ${t.id} detail not readable: ${missing.reason}`);
            evidence.push(ev(cms, `CMS turnServer username for ${e.name}`, `unknown: ${missing.reason}`));
            continue;
          }
          evidence.push(ev(cms, `CMS turnServer username for ${e.name}`, t.username ?? "(empty)"));
          if (t.username && user !== "?" && t.username !== user)
            reject(e, `${e.name}: CMS uses username ${t.username}, the working credentials are for ${user}`);
        }
      }
    }
    const fix = [
      "Expressway-E: Configuration > Traversal > TURN: note the TURN client username; check its password in the local authentication database (C3), on every node.",
      "CMS API: PUT /api/v1/turnServers/<id> username=<that user> password=<that password> for each Expressway-E's turnServer (C5); GET never shows the password.",
      "Enter the same password in Edgescope (Settings > TURN credentials) and run the probes again: the Allocate must succeed.",
    ];
    if (rejected.length)
      return {
        status: "fail",
        summary: `TURN credentials rejected: ${rejected.map(itemAbout).join("; ")} (T1).`,
        evidence,
        fix,
        items: rejected,
      };
    if (other.length)
      return { status: "warn", summary: `TURN Allocate did not succeed: ${other.join("; ")}.`, evidence, fix };
    // The credentials work, but whether CMS sends that username is unconfirmed: never pass on that.
    if (!isReading(cms))
      return {
        ...cms,
        summary: `The stored credentials work, but CMS's turnServer usernames cannot be compared: ${cms.summary}`,
        evidence: [...evidence, ...cms.evidence],
      };
    if (unread.length)
      return {
        status: "unknown",
        summary: `The stored credentials work, but CMS's turnServer username is unknown: ${unread.join("; ")}.`,
        evidence,
        fix: ["CMS API: GET /api/v1/turnServers/<id> for that turnServer, then poll the Meeting Server again."],
      };
    return {
      status: "pass",
      summary: `A TURN Allocate with the stored credentials succeeds on all ${es.length} Expressway-E nodes.`,
      evidence,
      fix: [],
    };
  },
});
