import "server-only";
import { ev, sameHost } from "./support";
import { cmsSettingsReadings } from "./cms-settings";
import { defineCheck } from "./types";
import type { Problem } from "@/lib/domain/board-words";

// C1: Meeting Server Web Proxy enabled and Guest account client URI = the Join URL.
export const c1WebProxy = defineCheck({
  id: "c1-web-proxy",
  domainIds: ["C1"],
  title: "Web proxy on, Guest account client URI = Join URL",
  area: "allowlist",
  evaluate(ctx) {
    const readings = cmsSettingsReadings(ctx);
    if (!Array.isArray(readings)) return readings;
    const join = ctx.deployment.joinUrl;
    const evidence = [];
    const problems: string[] = [];
    const board: Problem[] = [];
    for (const r of readings) {
      const s = r.data!.content;
      evidence.push(ev(r, "Meeting Server Web Proxy", s.webProxyEnabled ? "On" : "Off"), ev(r, "Guest account client URI", s.guestAccountClientUri ?? "(empty)"));
      if (!s.webProxyEnabled) {
        problems.push(`${r.node.name}: web proxy Off`);
        board.push({ node: r.node.name, reason: "web proxy Off" });
      }
      if (!sameHost(s.guestAccountClientUri, join)) {
        problems.push(`${r.node.name}: guest URI "${s.guestAccountClientUri ?? ""}" is not ${join}`);
        board.push({ node: r.node.name, reason: `guest URI is not ${join}` });
      }
    }
    if (!problems.length) return { status: "pass", summary: `Web proxy on with ${join} as Guest account client URI.`, evidence, fix: [] };
    return {
      status: "fail",
      summary: `${problems.join("; ")}.`,
      problems: board,
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
