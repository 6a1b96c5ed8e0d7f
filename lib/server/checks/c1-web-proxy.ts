import "server-only";
import { sameName } from "@/lib/domain/hosts";
import type * as cmsSettings from "@/lib/domain/sources/expressway-c-cms-settings";
import { partLine } from "@/lib/domain/source-parts";
import { INFERRED_FROM, inferWebProxy } from "@/lib/domain/web-proxy-inference";
import { ev, isUsable } from "./support";
import { cmsSettingsReadings } from "./cms-settings";
import { SOURCES } from "@/lib/domain/sources";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { defineCheck, type CheckContext, type CheckOutcome, type SourceReading } from "./types";

// C1: Meeting Server Web Proxy enabled and Guest account client URI = the Join URL. When a box
// refuses the (invented) settings location, C1 falls back to what the documented sources prove:
// web bridge rules present (V2) and a Join URL tunnel Active (V3) mean the web proxy is on —
// marked "inferred from V2/V3", never a pass of the direct reading.

const FIX = (join: string) => [
  "Expressway-C: Configuration > Unified Communications > Cisco Meeting Server (C1).",
  "Set Meeting Server Web Proxy to Enabled.",
  `Set Guest account client URI to the Join URL exactly: ${join}. Save.`,
  'The page then lists the Web Bridge address(es) it resolved (V1); outside browsers get "Bad Request" while the URI is wrong.',
];

function inferred(
  ctx: CheckContext,
  r: SourceReading<cmsSettings.Latest>,
): { outcome: CheckOutcome["status"]; evidence: ReturnType<typeof ev>[]; line: string; node: string; reason: string } {
  const join = ctx.deployment.joinUrl;
  const rules = ctx.reading(r.node.id, SOURCES.allowList);
  const tunnels = ctx.reading(r.node.id, SOURCES.tunnels);
  const guess = inferWebProxy(
    isUsable(rules) ? rules.data!.content.rules : null,
    isUsable(tunnels) ? tunnels.data!.content.tunnels : null,
    join,
  );
  const missing = (r.data!.content.parts ?? []).find((p) => p.location.startsWith("/Configuration"));
  const evidence = [
    ev(r, "settings", missing ? partLine(missing) : "not read"),
    ev(r, "Meeting Server Web Proxy (inferred from V2/V3)", `${guess.state}: ${guess.why}`),
  ];
  // The resolved table lists the names Expressway-C resolved from the Guest account client URI (V1).
  const names = r.data!.content.resolved?.map((x) => x.name) ?? [];
  if (names.length)
    evidence.push(
      ev(r, "Guest account client URI (inferred from V1's resolved names)", [...new Set(names)].join(", ")),
    );
  const uriWrong = names.length > 0 && !names.some((n) => sameName(n, join));
  const node = r.node.name;
  if (guess.state === "off" || uriWrong) {
    const reason = guess.state === "off" ? "web proxy looks Off" : `resolved names ${names.join(", ")} are not ${join}`;
    return { outcome: "fail", evidence, line: `${node}: ${reason} (inferred from V2/V3)`, node, reason };
  }
  return {
    outcome: guess.state === "on" ? "pass" : "unknown",
    evidence,
    line: `${node}: ${guess.why}`,
    node,
    reason: guess.why,
  };
}

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
    const items: FailingItem[] = [];
    const guesses: ReturnType<typeof inferred>[] = [];
    for (const r of readings) {
      const s = r.data!.content;
      if (s.webProxyEnabled === null) {
        const g = inferred(ctx, r);
        guesses.push(g);
        evidence.push(...g.evidence);
        continue;
      }
      evidence.push(
        ev(r, "Meeting Server Web Proxy", s.webProxyEnabled ? "On" : "Off"),
        ev(r, "Guest account client URI", s.guestAccountClientUri ?? "(empty)"),
      );
      if (!s.webProxyEnabled) {
        items.push({ node: r.node.name, reason: "web proxy Off", about: `${r.node.name}: web proxy Off` });
      }
      if (!sameName(s.guestAccountClientUri, join)) {
        items.push({
          node: r.node.name,
          reason: `guest URI is not ${join}`,
          about: `${r.node.name}: guest URI "${s.guestAccountClientUri ?? ""}" is not ${join}`,
        });
      }
    }
    for (const g of guesses.filter((x) => x.outcome === "fail"))
      items.push({ node: g.node, reason: `${g.reason} (inferred from V2/V3)`, about: g.line });
    const mark = guesses.length
      ? { inferred: { from: [...INFERRED_FROM], why: guesses.map((g) => g.line).join("; ") } }
      : {};
    if (items.length)
      return {
        status: "fail",
        summary: `${items.map(itemAbout).join("; ")}.`,
        items,
        evidence,
        fix: FIX(join),
        ...mark,
      };
    const undecided = guesses.filter((g) => g.outcome === "unknown");
    if (undecided.length) {
      return {
        status: "unknown",
        summary: `Expressway-C's Meeting Server settings are not available, and V2/V3 do not settle C1: ${undecided.map((g) => g.line).join("; ")}.`,
        evidence,
        fix: [
          "Open Expressway-C: Configuration > Unified Communications > Cisco Meeting Server and read the settings by hand (C1).",
          ...FIX(join).slice(1),
        ],
        ...mark,
      };
    }
    if (guesses.length)
      return {
        status: "pass",
        summary: `Web proxy on, inferred from V2/V3 (the settings location is not available on this version): ${guesses.map((g) => g.line).join("; ")}.`,
        evidence,
        fix: [],
        ...mark,
      };
    return { status: "pass", summary: `Web proxy on with ${join} as Guest account client URI.`, evidence, fix: [] };
  },
});
