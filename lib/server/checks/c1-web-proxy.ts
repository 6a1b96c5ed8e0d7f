import "server-only";
import { SOURCES, type CmsSettingsLatest } from "./source-types";
import { ev, nodesOf, noEvidenceUnknown, sameHost, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// C1: Meeting Server Web Proxy enabled and Guest account client URI = the Join URL.
export const c1WebProxy = defineCheck({
  id: "c1-web-proxy",
  domainIds: ["C1"],
  title: "Web proxy on, Guest account client URI = Join URL",
  area: "allowlist",
  evaluate(ctx) {
    const cs = nodesOf(ctx, "EXPRESSWAY_C");
    if (!cs.length) return noEvidenceUnknown("The deployment has no Expressway-C node.", ["Settings > Deployments: add the Expressway-C node."]);
    const readings = cs.map((c) => ctx.reading<CmsSettingsLatest>(c.id, SOURCES.cmsSettings));
    const unknown = unknownIfUnusable(readings);
    if (unknown) return unknown;
    const join = ctx.deployment.joinUrl;
    const evidence = [];
    const problems: string[] = [];
    for (const r of readings) {
      const s = r.data!.content;
      evidence.push(ev(r, "Meeting Server Web Proxy", s.webProxyEnabled ? "On" : "Off"), ev(r, "Guest account client URI", s.guestAccountClientUri ?? "(empty)"));
      if (!s.webProxyEnabled) problems.push(`${r.node.name}: web proxy Off`);
      if (!sameHost(s.guestAccountClientUri, join)) problems.push(`${r.node.name}: guest URI "${s.guestAccountClientUri ?? ""}" is not ${join}`);
    }
    if (!problems.length) return { status: "pass", summary: `Web proxy on with ${join} as Guest account client URI.`, evidence, fix: [] };
    return {
      status: "fail",
      summary: `${problems.join("; ")}.`,
      evidence,
      fix: [
        "Expressway-C: Configuration > Unified Communications > Cisco Meeting Server (C1).",
        "Set Meeting Server Web Proxy to Enabled.",
        `Set Guest account client URI to the Join URL exactly: ${join}. Save.`,
        "The page then lists the Web Bridge address(es) it resolved (V1); outside browsers get \"Bad Request\" while the URI is wrong.",
      ],
    };
  },
});
