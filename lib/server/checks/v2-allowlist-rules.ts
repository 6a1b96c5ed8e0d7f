import "server-only";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { SOURCES } from "@/lib/domain/sources";
import { EXPECTED_WEB_BRIDGE_RULES, findExpectedRule } from "@/lib/domain/web-proxy";
import { ev, nodesOf, noEvidenceUnknown, unknownIfNotAvailable, unknownIfUnusable } from "./support";
import { defineCheck } from "./types";

// V2: the automatic inbound rules hold "Meeting Server web bridges" for https and wss, port 443,
// match type Prefix, path /, methods GET POST PUT HEAD DELETE. The rule itself is
// lib/domain/web-proxy.ts, which the Allow list panel shows too.

export const v2AllowlistRules = defineCheck({
  id: "v2-allowlist-rules",
  domainIds: ["V2"],
  title: "HTTP allow list: automatic https and wss rules for the Web Bridge",
  area: "allowlist",
  evaluate(ctx) {
    const cs = nodesOf(ctx, "EXPRESSWAY_C");
    if (!cs.length)
      return noEvidenceUnknown("The deployment has no Expressway-C node.", [
        "Settings > Deployments: add the Expressway-C node.",
      ]);
    const readings = cs.map((c) => ctx.reading(c.id, SOURCES.allowList));
    const unknown = unknownIfUnusable(readings) ?? unknownIfNotAvailable(readings);
    if (unknown) return unknown;
    const evidence = [];
    const missing: FailingItem[] = [];
    for (const r of readings) {
      for (const expected of EXPECTED_WEB_BRIDGE_RULES) {
        const { protocol } = expected;
        const rule = findExpectedRule(r.data!.content.rules, expected);
        const near = r
          .data!.content.rules.filter((x) => x.protocol === protocol)
          .map((x) => `${x.port} ${x.matchType ?? "?"} ${x.path} ${x.methods.join(",")}`);
        evidence.push(
          ev(
            r,
            `${protocol} rule`,
            rule
              ? `443 Prefix / ${rule.methods.join(",")}`
              : near.length
                ? `not as required: ${near.join("; ")}`
                : "absent",
          ),
        );
        if (!rule)
          missing.push({
            node: r.node.name,
            reason: `${protocol} allow-list rule missing`,
            about: `${r.node.name}: ${protocol}`,
          });
      }
    }
    if (!missing.length)
      return {
        status: "pass",
        summary: "Both Meeting Server web bridge rules (https and wss on 443) are present.",
        evidence,
        fix: [],
      };
    return {
      status: "fail",
      summary: `Automatic allow-list rule missing or wrong: ${missing.map(itemAbout).join(", ")}.`,
      items: missing,
      evidence,
      fix: [
        "Expressway-C: Configuration > Unified Communications > HTTP allow list > Automatic inbound rules must show 'Meeting Server web bridges' for https 443 and wss 443, Prefix, path /, GET POST PUT HEAD DELETE (V2).",
        "The rules are added automatically: on Configuration > Unified Communications > Cisco Meeting Server, set Meeting Server Web Proxy to Enabled with the Join URL as Guest account client URI and Save (C1).",
        "Refresh the Cisco Meeting Server page so the Web Bridge address is resolved again (V1), then re-check.",
      ],
    };
  },
});
