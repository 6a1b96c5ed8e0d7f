import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { CAPACITY_WARN_RATIO, licenceVerdict } from "@/lib/domain/capacity";
import { SOURCES } from "@/lib/domain/sources";
import { LICENCE_KIND_LABELS, LICENCE_KINDS } from "@/lib/domain/sources/expressway-call-licences";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// Expressway call licences: calls in use per kind (/Status/ResourceUsage/Calls [C]) against the
// licensed count the box reports (/Status/SystemUnit/Software/Configuration, meaning [I]). At the
// count the box refuses the next licensed call. A count this version does not expose is said, never
// failed: calls to a Meeting Server do not use these licences anyway (Cisco, "Call Types and Licensing").
export const capacityCallLicences = defineCheck({
  id: "capacity-call-licences",
  domainIds: ["R2"],
  title: "Expressway call licences have headroom",
  area: "versions",
  evaluate(ctx) {
    const xs = [...nodesOf(ctx, "EXPRESSWAY_C"), ...nodesOf(ctx, "EXPRESSWAY_E")].map((n) =>
      ctx.reading(n.id, SOURCES.callLicences),
    );
    if (!xs.length)
      return noEvidenceUnknown("The deployment has no Expressway node.", [
        "Settings > Deployments: add every Expressway-C and Expressway-E node.",
      ]);
    const unknown = unknownIfUnusable(xs);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const bad: { status: "warn" | "fail"; text: string }[] = [];
    let compared = 0;
    for (const r of xs) {
      const c = r.data!.content;
      for (const kind of LICENCE_KINDS) {
        const { current, licensed } = c[kind];
        const label = LICENCE_KIND_LABELS[kind];
        const v = current === null ? "none" : licenceVerdict(current, licensed);
        if (v === "none") {
          evidence.push(
            ev(
              r,
              label,
              current === null
                ? "calls in use not exposed by this version"
                : `${current} in use; licensed count not exposed by this version`,
            ),
          );
          continue;
        }
        compared++;
        evidence.push(
          ev(r, label, `${current} of ${licensed} licensed (${((current! / licensed!) * 100).toFixed(0)} %)`),
        );
        if (v !== "pass")
          bad.push({ status: v, text: `${r.node.name}: ${current} of ${licensed} licensed ${label} in use` });
      }
    }
    if (!bad.length)
      return {
        status: "pass",
        summary: compared
          ? `Every licensed call count is below ${CAPACITY_WARN_RATIO * 100} % in use.`
          : "No Expressway exposes a licensed call count in its status tree, so there is nothing to compare (not a fault).",
        evidence,
        fix: [],
      };
    return {
      status: bad.some((b) => b.status === "fail") ? "fail" : "warn",
      summary: `${bad.map((b) => b.text).join("; ")}.`,
      evidence,
      fix: [
        "Check Status > System > Resource usage on the node: it shows current and peak licence usage per licence type.",
        "Add call licences (option keys, or Smart Licensing entitlements) or move calls to another cluster peer: licences are pooled across a cluster.",
        "WebRTC guests of a Meeting Server do not use these licences; B2B, Jabber Guest and interworked calls through the same Expressway do, and are refused at the count.",
      ],
    };
  },
});
