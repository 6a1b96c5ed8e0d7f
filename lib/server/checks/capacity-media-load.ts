import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { loadVerdict } from "@/lib/domain/capacity";
import { SOURCES } from "@/lib/domain/sources";
import { cmsReadings } from "./cms-readings";
import { ev } from "./support";
import { defineCheck } from "./types";

// CMS media processing load (system/load [C]) against the Call Bridge's loadLimit and Cisco's
// thresholds (system/configuration/cluster [C]): above existingConferenceLoadLimitBasisPoints the
// Call Bridge rejects incoming calls, so WebRTC guests cannot join (R3).
export const capacityMediaLoad = defineCheck({
  id: "capacity-media-load",
  domainIds: ["R3"],
  title: "Meeting Server media load has headroom",
  area: "cms",
  evaluate(ctx) {
    const cms = cmsReadings(ctx, SOURCES.cmsLoad);
    if (!Array.isArray(cms)) return cms;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const r of cms) {
      const load = r.data!.mediaProcessingLoad;
      const v = loadVerdict(load, r.data!.content);
      evidence.push(ev(r, "load", v.message));
      if (v.status === "fail") fails.push(`${r.node.name}: ${v.message}`);
      else if (v.status === "warn") warns.push(`${r.node.name}: ${v.message}`);
    }
    const fix = [
      "Add Call Bridge capacity (another clustered Call Bridge, or a larger platform), or move spaces to a less loaded Call Bridge group.",
      "History shows the media load trend and the days until the limit at that trend.",
    ];
    if (fails.length) return { status: "fail", summary: `${fails.join("; ")}.`, evidence, fix };
    if (warns.length) return { status: "warn", summary: `${warns.join("; ")}.`, evidence, fix };
    return {
      status: "pass",
      summary: "Media load is below the Call Bridge's thresholds (or no loadLimit is set to compare with).",
      evidence,
      fix: [],
    };
  },
});
