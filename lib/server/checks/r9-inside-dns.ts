import "server-only";
import { sameName } from "@/lib/domain/hosts";
import type { DnsProbeResult } from "@/lib/server/probes/dns";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { dnsAnswerText, resolverTrouble } from "./dns-support";
import { SOURCES } from "@/lib/domain/sources";
import { isUsable, nodesOf, probeEv } from "./support";
import { unknownIfNoProbe } from "./support";
import { defineCheck } from "./types";

// R9: inside DNS (what the Call Bridge uses) resolves the Join URL to the Web Bridge, never to
// Expressway-E. Its failure is the first cause of T2.
const FIX = [
  "Inside DNS (the servers CMS uses, MMP `dns`): the Join URL must resolve to the Web Bridge's address, never to Expressway-E (R9).",
  "Then flush the Call Bridge DNS cache: `dns flush` on the CMS MMP CLI.",
  'Call Bridge Status > General must no longer show "Web bridge connection to … failed" (T2).',
];

export const r9InsideDns = defineCheck({
  id: "r9-inside-dns",
  domainIds: ["R9", "T2"],
  title: "Inside DNS: Join URL → Web Bridge, never Expressway-E",
  area: "dns-tls",
  evaluate(ctx) {
    const p = ctx.probe<DnsProbeResult>(PROBE_KEYS.insideJoin);
    const none = unknownIfNoProbe(p, "set the inside resolver of the deployment");
    if (none) return none;
    const trouble = resolverTrouble(p, "the inside resolver");
    if (trouble) return trouble;
    const r = p.result!;
    const eAddresses = nodesOf(ctx, "EXPRESSWAY_E")
      .flatMap((e) => [e.publicAddress, e.privateAddress])
      .filter((a): a is string => !!a);
    // Known Web Bridge addresses: the Meeting Server nodes, and what Expressway-C resolved (V1).
    const bridges = new Set(
      nodesOf(ctx, "CMS")
        .map((n) => n.privateAddress)
        .filter((a): a is string => !!a),
    );
    for (const c of nodesOf(ctx, "EXPRESSWAY_C")) {
      const s = ctx.reading(c.id, SOURCES.cmsSettings);
      if (isUsable(s))
        (s.data!.content.resolved ?? [])
          .filter((x) => sameName(x.name, ctx.deployment.joinUrl))
          .forEach((x) => bridges.add(x.address));
    }
    const answers = r.answers.map((a) => a.value);
    const evidence = [
      probeEv(p, `A ${r.name}`, dnsAnswerText(r)),
      {
        label: "known Web Bridge addresses",
        value: [...bridges].join(", ") || "(none known)",
        source: "Edgescope settings · expressway-c.cms-settings",
        ageMs: 0,
      },
    ];
    if (!answers.length)
      return {
        status: "fail",
        summary: `Inside DNS gives no address for ${r.name} (${r.outcome}): the Call Bridge cannot reach the Web Bridge.`,
        evidence,
        fix: FIX,
      };
    const toE = answers.filter((a) => eAddresses.includes(a));
    if (toE.length)
      return {
        status: "fail",
        summary: `Inside DNS resolves ${r.name} to Expressway-E (${toE.join(", ")}), not to the Web Bridge.`,
        evidence,
        fix: FIX,
      };
    if (bridges.size && !answers.every((a) => bridges.has(a)))
      return {
        status: "warn",
        summary: `Inside DNS answers ${answers.join(", ")}, which is not a known Web Bridge address.`,
        evidence,
        fix: FIX,
      };
    return {
      status: "pass",
      summary: `Inside DNS resolves ${r.name} to the Web Bridge (${answers.join(", ")}).`,
      evidence,
      fix: [],
    };
  },
});
