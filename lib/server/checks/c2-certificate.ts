import "server-only";
import type { TlsProbeResult } from "@/lib/server/probes/tls";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { nodesOf, noEvidenceUnknown, probeEv, unknownIfNoProbe } from "./support";
import type { CheckEvidence, CheckStatus } from "@/lib/domain/checks";
import { defineCheck } from "./types";

// C2: the Join URL is a SAN of every Expressway-E's server certificate; days to expiry shown.
/** Certificates expiring sooner than this warn: time to renew before browsers refuse them. */
export const CERT_WARN_DAYS = 30;

export const c2Certificate = defineCheck({
  id: "c2-certificate",
  domainIds: ["C2"],
  title: "Join URL in Expressway-E certificate SANs, days to expiry",
  area: "dns-tls",
  evaluate(ctx) {
    const es = nodesOf(ctx, "EXPRESSWAY_E");
    if (!es.length)
      return noEvidenceUnknown("The deployment has no Expressway-E node.", [
        "Settings > Deployments: add every Expressway-E node.",
      ]);
    const join = ctx.deployment.joinUrl;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const e of es) {
      const p = ctx.probe<TlsProbeResult>(PROBE_KEYS.tls(e.id));
      const none = unknownIfNoProbe(p, `set the public address or TLS probe target of ${e.name}`);
      if (none) return none;
      const r = p.result!;
      if (r.outcome !== "ok") {
        evidence.push(probeEv(p, `TLS ${e.name}`, r.detail));
        fails.push(`${e.name}: no TLS answer (${r.outcome})`);
        continue;
      }
      evidence.push(
        probeEv(p, `SANs of ${e.name}`, r.sans.join(", ") || "(none)"),
        probeEv(p, `expiry of ${e.name}`, `${r.validTo} (${r.daysToExpiry} days)`),
      );
      if (!r.matchesServername) fails.push(`${e.name}: ${join} is not a SAN`);
      if (r.expired) fails.push(`${e.name}: certificate expired`);
      else if (r.daysToExpiry < CERT_WARN_DAYS) warns.push(`${e.name}: expires in ${r.daysToExpiry} days`);
    }
    const status: CheckStatus = fails.length ? "fail" : warns.length ? "warn" : "pass";
    if (status === "pass")
      return { status, summary: `Every Expressway-E certificate covers ${join}.`, evidence, fix: [] };
    return {
      status,
      summary: `${[...fails, ...warns].join("; ")}.`,
      evidence,
      fix: [
        `Expressway-E: Maintenance > Security > Server certificate: generate a CSR that includes ${join} as a Subject Alternative Name (C2).`,
        "Have it signed by a CA outside browsers trust, upload it to every Expressway-E node, and restart as the page asks.",
        "TCP 443 must reach Expressway-E's public address from the internet (R5); the web administrator port is moved off 443 (C4).",
      ],
    };
  },
});
