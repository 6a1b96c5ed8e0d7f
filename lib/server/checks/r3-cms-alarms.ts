import "server-only";
import { SOURCES, type CmsAlarmsLatest } from "./source-types";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// R3: Web Bridge, XMPP and Call Bridge configured and enabled. What the API shows of that remotely
// is the alarm list: any active alarm is worth a look (web bridge alarms feed T2).
export const r3CmsAlarms = defineCheck({
  id: "r3-cms-alarms",
  domainIds: ["R3"],
  title: "Meeting Server raises no alarms",
  area: "cms",
  evaluate(ctx) {
    const cms = nodesOf(ctx, "CMS");
    if (!cms.length) return noEvidenceUnknown("The deployment has no Meeting Server node.", ["Settings > Deployments: add the Meeting Server (API user)."]);
    const readings = cms.map((n) => ctx.reading<CmsAlarmsLatest>(n.id, SOURCES.cmsAlarms));
    const unknown = unknownIfUnusable(readings);
    if (unknown) return unknown;
    const evidence = readings.map((r) => ev(r, "active alarms", r.data!.content.alarms.map((a) => a.type).join(", ") || "(none)"));
    const alarms = readings.flatMap((r) => r.data!.content.alarms.map((a) => `${r.node.name}: ${a.type}`));
    if (!alarms.length) return { status: "pass", summary: "No active CMS alarms.", evidence, fix: [] };
    return {
      status: "fail",
      summary: `Active CMS alarms: ${alarms.join(", ")}.`,
      evidence,
      fix: [
        "CMS Web Admin: Status > General and Logs > Event logs: read what each alarm says (API: GET /api/v1/system/alarms).",
        "Web Bridge, XMPP and Call Bridge must be configured and enabled (R3); web bridge link alarms point at inside DNS of the Join URL (R9, T2).",
      ],
    };
  },
});
