import "server-only";
import type { DnsProbeResult } from "@/lib/server/probes/dns";
import type { CheckOutcome, ProbeReading } from "./types";
import { probeEv } from "./support";

// Shared reading of a DNS probe: which outcomes say something about the record (NXDOMAIN, NODATA,
// SERVFAIL: the name is broken) and which only say the resolver did not answer (unknown).

const RESOLVER_TROUBLE = new Set(["timeout", "unreachable", "refused", "error"]);

export function dnsAnswerText(r: DnsProbeResult): string {
  return r.outcome === "ok"
    ? r.answers.map((a) => a.value).join(", ")
    : `${r.outcome}${r.rcode ? ` (${r.rcode})` : ""}`;
}

/** Unknown when the resolver itself did not answer usefully; null when the answer can be judged. */
export function resolverTrouble(p: ProbeReading<DnsProbeResult>, setting: string): CheckOutcome | null {
  const r = p.result!;
  if (!RESOLVER_TROUBLE.has(r.outcome)) return null;
  return {
    status: "unknown",
    summary: `The resolver did not answer usefully: ${r.detail}.`,
    evidence: [probeEv(p, `${r.type} ${r.name}`, dnsAnswerText(r))],
    fix: [
      `Check ${setting} in Settings > Deployments (host:port of a resolver Edgescope can reach), then run the probes again.`,
    ],
  };
}
