import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { chainProblem } from "@/lib/domain/certificates";
import { auditReadings, where } from "./certificate-support";
import { probeEv } from "./support";
import { defineCheck } from "./types";

// Each node's chain verified against the CA configured for that node (or the system roots): an
// incomplete chain (the server does not send its intermediates) breaks browsers on the Join URL
// (R5) and the Expressway traversal/MRA connections (R2); an unknown CA is not trusted at all.
export const certChain = defineCheck({
  id: "cert-chain",
  domainIds: ["R2", "R5"],
  title: "Certificate chains are complete and trusted",
  area: "dns-tls",
  evaluate(ctx) {
    const { audits, unknown } = auditReadings(ctx);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    for (const r of audits) {
      if (r.audit.outcome !== "ok" && r.kind === "listed") {
        // Edgescope may sit where a name CMS lists does not resolve or its port is filtered (the
        // Call Bridge reaches it, we may not): not audited, which is no finding about the certificate.
        evidence.push(probeEv(r.probe, where(r), `not audited from here: ${r.audit.detail}`));
        continue;
      }
      if (r.audit.outcome !== "ok") {
        evidence.push(probeEv(r.probe, where(r), r.audit.detail));
        fails.push(`${where(r)}: no TLS handshake (${r.audit.outcome})`);
        continue;
      }
      const chain = r.audit.chain.map((c) => c.commonName ?? c.subject).join(" → ");
      const trust = r.audit.trustStore === "node-ca" ? "the node's CA" : "the system roots";
      evidence.push(
        probeEv(
          r.probe,
          `${where(r)} chain`,
          `${chain}; ${r.audit.trusted ? `trusted by ${trust}` : `not trusted by ${trust} (${r.audit.verifyError})`}`,
        ),
      );
      const p = chainProblem(r.audit);
      // Without the issuer we cannot tell a missing intermediate from a wrong CA: say both.
      if (p === "incomplete")
        fails.push(
          `${where(r)}: chain cannot be built — issuer ${r.audit.chain[0]!.issuer} is neither sent by the server nor in ${trust} (a missing intermediate, or not the node's CA)`,
        );
      else if (p === "untrusted") fails.push(`${where(r)}: not trusted by ${trust} (${r.audit.verifyError})`);
      else if (p === "expired-in-chain") fails.push(`${where(r)}: a certificate in the chain has expired`);
    }
    if (!fails.length) return { status: "pass", summary: "Every chain is complete and trusted.", evidence, fix: [] };
    return {
      status: "fail",
      summary: `${fails.join("; ")}.`,
      evidence,
      fix: [
        "Incomplete chain: Expressway: Maintenance > Security > Trusted CA certificate: upload the issuing intermediate(s); CMS: put the intermediates in the certificate bundle after the server certificate.",
        "Untrusted: check the CA configured for the node in Settings > Deployments (it must be the CA that issued the node's certificate), or replace a temporary/self-signed certificate with one your CA signs.",
        "Expired in chain: renew the intermediate or the server certificate (see cert-expiry).",
      ],
    };
  },
});
