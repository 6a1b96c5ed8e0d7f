import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { LICENCE_WARN_DAYS, licenceFindings } from "@/lib/domain/cms-licensing";
import { SOURCES } from "@/lib/domain/sources";
import { cmsReadings } from "./cms-readings";
import { ev } from "./support";
import { defineCheck } from "./types";

// R3: the Call Bridge and Web Bridge are configured and enabled — which needs their licences.
// CMS system/licensing [C] (and clusterLicensing from 3.0 [C]): grace or expired → fail; an
// activated licence expiring within 30 days → warn.
export const cmsLicensingCheck = defineCheck({
  id: "cms-licensing",
  domainIds: ["R3"],
  title: "Meeting Server licences are active and not about to expire",
  area: "cms",
  evaluate(ctx) {
    const cms = cmsReadings(ctx, SOURCES.cmsLicensing);
    if (!Array.isArray(cms)) return cms;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const r of cms) {
      const { features, cluster } = r.data!.content;
      for (const [scope, list] of [
        ["system/licensing", features],
        ["clusterLicensing", cluster ?? []],
      ] as const) {
        if (!list.length) continue;
        evidence.push(
          ev(r, scope, list.map((f) => `${f.name} ${f.status}${f.expiry ? ` (${f.expiry})` : ""}`).join(", ")),
        );
        for (const f of licenceFindings(list, ctx.now))
          (f.status === "fail" ? fails : warns).push(`${r.node.name} ${scope}: ${f.message}`);
      }
    }
    const fix = [
      "Install the renewed licence: Smart Licensing through Cisco Meeting Management (3.0+), or upload the licence file to the MMP over SFTP and restart the Call Bridge (`callbridge restart`).",
      "A feature in grace still works for now but stops at the end of the grace period: renew before it ends.",
    ];
    if (fails.length) return { status: "fail", summary: `${fails.join("; ")}.`, evidence, fix };
    if (warns.length)
      return {
        status: "warn",
        summary: `${warns.join("; ")} (warned ${LICENCE_WARN_DAYS} days ahead).`,
        evidence,
        fix,
      };
    return {
      status: "pass",
      summary: "Every Meeting Server licence is activated and not about to expire.",
      evidence,
      fix: [],
    };
  },
});
