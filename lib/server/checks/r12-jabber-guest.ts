import "server-only";
import { defineCheck } from "./types";

// R12: an Expressway pair used for Jabber Guest cannot also proxy CMS WebRTC. No API tells, so the
// admin records it per deployment.
export const r12JabberGuest = defineCheck({
  id: "r12-jabber-guest",
  domainIds: ["R12"],
  title: "The Expressway pair does not also serve Jabber Guest",
  area: "versions",
  evaluate(ctx) {
    const evidence = [
      {
        label: "Jabber Guest on this pair",
        value: ctx.deployment.jabberGuest ? "yes" : "no",
        source: "Edgescope settings (entered by an admin)",
        ageMs: 0,
      },
    ];
    if (!ctx.deployment.jabberGuest)
      return { status: "pass", summary: "The pair is not recorded as serving Jabber Guest.", evidence, fix: [] };
    return {
      status: "fail",
      summary: "The pair serves Jabber Guest, which rules out the CMS WebRTC proxy on it (R12).",
      evidence,
      fix: [
        "Move Jabber Guest or CMS WebRTC to another Expressway-C/E pair (R12).",
        "Then clear the Jabber Guest flag in Settings > Deployments.",
      ],
    };
  },
});
