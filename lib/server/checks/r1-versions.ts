import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { SOURCES } from "@/lib/domain/sources";
import { ev, nodesOf, noEvidenceUnknown, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { atLeast, parseVersion } from "./versions";

// R1: Expressway X12.6.1+ needs CMS 2.9.2+ (TURN behaviour changed); CMS 2.9.3+ is the baseline;
// the WebRTC proxy exists since X8.9.2.
const X_TURN_CHANGE = [12, 6, 1];
const X_PROXY_MIN = [8, 9, 2];
const CMS_WITH_NEW_X = [2, 9, 2];
const CMS_BASELINE = [2, 9, 3];

export const r1Versions = defineCheck({
  id: "r1-versions",
  domainIds: ["R1"],
  title: "Expressway and CMS versions are compatible",
  area: "versions",
  evaluate(ctx) {
    const xs = [...nodesOf(ctx, "EXPRESSWAY_C"), ...nodesOf(ctx, "EXPRESSWAY_E")].map((n) =>
      ctx.reading(n.id, SOURCES.expresswaySystem),
    );
    const cms = nodesOf(ctx, "CMS").map((n) => ctx.reading(n.id, SOURCES.cmsSystem));
    if (!xs.length || !cms.length)
      return noEvidenceUnknown("The deployment needs Expressway and Meeting Server nodes to compare versions.", [
        "Settings > Deployments: add the Expressway-C, Expressway-E and Meeting Server nodes.",
      ]);
    const unknown = unknownIfUnusable([...xs, ...cms]);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [
      ...xs.map((r) => ev(r, "Expressway version", r.data!.content.version)),
      ...cms.map((r) => ev(r, "CMS version", r.data!.content.softwareVersion)),
    ];
    const xv = xs.map((r) => ({ r, v: parseVersion(r.data!.content.version) }));
    const cv = cms.map((r) => ({ r, v: parseVersion(r.data!.content.softwareVersion) }));
    const unreadable = [...xv, ...cv].filter((x) => !x.v).map((x) => x.r.node.name);
    if (unreadable.length)
      return {
        status: "unknown",
        summary: `Version not readable on ${unreadable.join(", ")}.`,
        evidence,
        fix: ["Check the version the node reports on the deployment page."],
      };
    const failing: FailingItem[] = [];
    const warning: FailingItem[] = [];
    for (const { r, v } of xv) {
      if (atLeast(v!, X_PROXY_MIN)) continue;
      failing.push({
        node: r.node.name,
        reason: `${r.data!.content.version} below X8.9.2`,
        about: `${r.node.name} runs ${r.data!.content.version}; the WebRTC proxy needs X8.9.2+`,
      });
    }
    const newX = xv.filter((x) => atLeast(x.v!, X_TURN_CHANGE));
    for (const { r, v } of cv) {
      const version = r.data!.content.softwareVersion;
      if (newX.length && !atLeast(v!, CMS_WITH_NEW_X)) {
        failing.push({
          node: r.node.name,
          reason: `CMS ${version}, ${newX[0]!.r.data!.content.version} needs 2.9.2+`,
          about: `${r.node.name} runs CMS ${version}; Expressway ${newX[0]!.r.data!.content.version} needs CMS 2.9.2+`,
        });
      } else if (!atLeast(v!, CMS_BASELINE)) {
        warning.push({
          node: r.node.name,
          reason: `CMS ${version} below 2.9.3`,
          about: `${r.node.name} runs CMS ${version}, below the 2.9.3 baseline`,
        });
      }
    }
    const fix = [
      "Upgrade CMS to 2.9.3 or later (2.9.2 at the least with Expressway X12.6.1+, whose TURN behaviour changed) (R1).",
      "Or keep the Expressways below X12.6.1 until CMS is upgraded; the WebRTC proxy needs X8.9.2 or later.",
    ];
    const said = (items: FailingItem[]) => `${items.map(itemAbout).join("; ")}.`;
    if (failing.length) return { status: "fail", summary: said(failing), evidence, fix, items: failing };
    if (warning.length) return { status: "warn", summary: said(warning), evidence, fix, items: warning };
    return { status: "pass", summary: "Expressway and CMS versions are compatible (R1).", evidence, fix: [] };
  },
});
