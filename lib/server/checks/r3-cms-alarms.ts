import "server-only";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { alarmMeaning, alarmItem, alarmsForCheck, alarmText, webBridgeStatusMeaning } from "@/lib/domain/cms-alarms";
import { SOURCES } from "@/lib/domain/sources";
import { ev, isUsable, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// R3: Web Bridge, XMPP and Call Bridge configured and enabled. What the API shows of that remotely
// is the alarm list — each alarm reported by the one check lib/domain/cms-alarms.ts gives it
// (turnServerUnavailable goes to V4) — and each Web Bridge's status in Cisco's words
// (connectionFailure, dnsFailure: a T2 signal) where the CMS has that endpoint. Each item carries
// the symptoms its type points at, so the verdict weighs the alarms actually present.
export const r3CmsAlarms = defineCheck({
  id: "r3-cms-alarms",
  domainIds: ["R3"],
  title: "Meeting Server raises no alarms",
  area: "cms",
  evaluate(ctx) {
    const cms = nodesOf(ctx, "CMS");
    if (!cms.length)
      return noEvidenceUnknown("The deployment has no Meeting Server node.", [
        "Settings > Deployments: add the Meeting Server (API user).",
      ]);
    const readings = cms.map((n) => ctx.reading(n.id, SOURCES.cmsAlarms));
    const unknown = unknownIfUnusable(readings);
    if (unknown) return unknown;
    const evidence = [];
    const items: FailingItem[] = [];
    for (const r of readings) {
      const mine = alarmsForCheck(r.data!.content.alarms, "r3-cms-alarms");
      evidence.push(
        ev(
          r,
          "active alarms",
          mine.map((a) => `${alarmText(a)}: ${alarmMeaning(a.type).meaning}`).join(", ") || "(none)",
        ),
      );
      items.push(...mine.map((a) => alarmItem(a, r.node)));
      // Web Bridge status is optional evidence: a CMS without the endpoint, or stale bridges, adds nothing.
      const wb = ctx.reading(r.node.id, SOURCES.cmsWebBridges);
      if (!isUsable(wb)) continue;
      for (const b of wb.data!.content.webBridges) {
        const m = webBridgeStatusMeaning(b.status?.status ?? null);
        if (!m.bad) continue;
        evidence.push(ev(wb, `Web Bridge ${b.url ?? b.id}`, `${b.status!.status}: ${m.meaning}`));
        items.push({
          node: r.node.name,
          reason: `Web Bridge ${b.status!.status}`,
          about: `${r.node.name}: Web Bridge ${b.url ?? b.id} ${b.status!.status}`,
          nodeId: r.node.id,
          scenarioIds: m.scenarioIds,
          domainIds: m.domainIds,
          meaning: m.meaning,
        });
      }
    }
    if (!items.length) return { status: "pass", summary: "No active CMS alarms.", evidence, fix: [] };
    return {
      status: "fail",
      summary: `Active CMS alarms: ${items.map(itemAbout).join(", ")}.`,
      evidence,
      items,
      fix: [
        "CMS Web Admin: Status > General and Logs > Event logs: read what each alarm says (API: GET /api/v1/system/alarms).",
        "Web Bridge, XMPP and Call Bridge must be configured and enabled (R3); c2wConnectionFailure, guestAccountConnectionFailure or a Web Bridge dnsFailure point at inside DNS of the Join URL (R9, T2).",
      ],
    };
  },
});
