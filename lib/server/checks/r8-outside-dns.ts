import "server-only";
import type { DnsProbeResult } from "@/lib/server/probes/dns";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { dnsAnswerText, resolverTrouble } from "./dns-support";
import { nodesOf, probeEv, unknownIfNoProbe } from "./support";
import { defineCheck } from "./types";

// R8: outside DNS resolves the Join URL to Expressway-E's public address (any node of a cluster).
export const r8OutsideDns = defineCheck({
  id: "r8-outside-dns",
  domainIds: ["R8"],
  title: "Outside DNS: Join URL → Expressway-E public address",
  area: "dns-tls",
  evaluate(ctx) {
    const p = ctx.probe<DnsProbeResult>(PROBE_KEYS.outsideJoin);
    const none = unknownIfNoProbe(p, "set the outside resolver of the deployment");
    if (none) return none;
    const trouble = resolverTrouble(p, "the outside resolver");
    if (trouble) return trouble;
    const r = p.result!;
    const publics = nodesOf(ctx, "EXPRESSWAY_E")
      .map((e) => e.publicAddress)
      .filter((a): a is string => !!a);
    const evidence = [
      probeEv(p, `A ${r.name}`, dnsAnswerText(r)),
      {
        label: "Expressway-E public addresses",
        value: publics.join(", ") || "(not set)",
        source: "Edgescope settings",
        ageMs: 0,
      },
    ];
    const answers = r.answers.map((a) => a.value);
    const fix = [
      `Outside DNS (the zone the internet sees): an A record ${ctx.deployment.joinUrl} → Expressway-E's public address (R8); for a cluster, one per node or a round robin of them.`,
      "Then Expressway-E's certificate must carry the Join URL as a SAN (C2) and TCP 443 must reach that address (R5).",
    ];
    if (!publics.length)
      return {
        status: "unknown",
        summary: "Expressway-E public addresses are not set, so the answer cannot be compared.",
        evidence,
        fix: ["Settings > Deployments > each Expressway-E node: enter its public address."],
      };
    if (!answers.length)
      return { status: "fail", summary: `Outside DNS gives no address for ${r.name} (${r.outcome}).`, evidence, fix };
    const foreign = answers.filter((a) => !publics.includes(a));
    if (foreign.length)
      return {
        status: "fail",
        summary: `Outside DNS answers ${foreign.join(", ")}, which is not an Expressway-E public address.`,
        evidence,
        fix,
      };
    return {
      status: "pass",
      summary: `Outside DNS resolves ${r.name} to Expressway-E (${answers.join(", ")}).`,
      evidence,
      fix: [],
    };
  },
});
