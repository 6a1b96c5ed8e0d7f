import "server-only";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { missingDetail } from "@/lib/domain/sources/cms-turn-servers";
import { addressesUnknown, cmsTurnReading, isReading, turnServersOf } from "./cms-turn";
import { ev, nodesOf, noEvidenceUnknown } from "./support";
import { defineCheck, type CheckNode } from "./types";

// C5: exactly one turnServer per Expressway-E node, serverAddress = its private address,
// clientAddress = its public address, type expressway. (The password is checked by the TURN
// probe in c5-turn-credentials.)
export const c5TurnServers = defineCheck({
  id: "c5-turn-servers",
  domainIds: ["C5"],
  title: "One turnServer per Expressway-E: private server address, public client address, type expressway",
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
    const content = r.data!.content;
    const all = content.turnServers;
    const evidence = [
      ev(
        r,
        "turnServers",
        all.length
          ? all.map((t) => `${t.serverAddress ?? "?"} / ${t.clientAddress ?? "?"} / ${t.type ?? "?"}`).join("; ")
          : "(none)",
      ),
    ];
    const problems: FailingItem[] = [];
    const wrong = (e: CheckNode, what: string) =>
      problems.push({ node: e.name, reason: `turnServer ${what}`, about: `${e.name}: ${what}` });
    /** turnServers whose detail CMS did not give: their type is unknown, not wrong. */
    const unread: string[] = [];
    for (const e of es) {
      const mine = turnServersOf(e, all);
      if (mine.length !== 1) {
        wrong(e, `${mine.length} turnServers (need exactly 1)`);
        continue;
      }
      const t = mine[0]!;
      const missing = missingDetail(content, t.id);
      if (missing) {
        // The list gave the addresses; type and username are only in the detail.
        unread.push(`${e.name}: turnServer ${t.id} detail not readable: ${missing.reason}`);
        evidence.push(
          ev(
            r,
            `turnServer for ${e.name}`,
            `serverAddress ${t.serverAddress ?? "?"}, clientAddress ${t.clientAddress ?? "?"}, detail not readable: ${missing.reason}`,
          ),
        );
      } else
        evidence.push(
          ev(
            r,
            `turnServer for ${e.name}`,
            `serverAddress ${t.serverAddress ?? "?"}, clientAddress ${t.clientAddress ?? "?"}, type ${t.type ?? "?"}, username ${t.username ?? "?"}`,
          ),
        );
      if (t.serverAddress !== e.privateAddress)
        wrong(e, `serverAddress ${t.serverAddress ?? "(empty)"} is not its private address ${e.privateAddress}`);
      if (t.clientAddress !== e.publicAddress)
        wrong(e, `clientAddress ${t.clientAddress ?? "(empty)"} is not its public address ${e.publicAddress}`);
      if (!missing && (t.type ?? "").toLowerCase() !== "expressway")
        wrong(e, `type ${t.type ?? "(empty)"} is not expressway`);
    }
    if (!problems.length && unread.length)
      return {
        status: "unknown",
        summary: `Type and username unknown: ${unread.join("; ")}.`,
        evidence,
        fix: [
          "CMS API: GET /api/v1/turnServers/<id> for that turnServer; the deployment page lists the part that could not be read, in CMS's words.",
          "Poll the Meeting Server again (deployment page: Poll now).",
        ],
      };
    if (!problems.length)
      return {
        status: "pass",
        summary: `Each of the ${es.length} Expressway-E nodes has one correct turnServer.`,
        evidence,
        fix: [],
      };
    return {
      status: "fail",
      summary: `${problems.map(itemAbout).join("; ")}.`,
      items: problems,
      evidence,
      fix: [
        "CMS API: GET /api/v1/turnServers and each /api/v1/turnServers/<id> (C5).",
        "One turnServer per Expressway-E node: create missing ones with POST /api/v1/turnServers, remove duplicates with DELETE /api/v1/turnServers/<id>.",
        "PUT /api/v1/turnServers/<id> serverAddress=<Expressway-E private address> clientAddress=<its public address> type=expressway username=<C3 user> password=<C3 password> tcpPortNumberOverride=3478.",
        "Check GET /api/v1/turnServers/<id>/status: it reports a round-trip time once the Call Bridge reaches the private address on UDP 3478 (V4, R7).",
      ],
    };
  },
});
