import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { MIN_RSA_BITS, strengthIssues } from "@/lib/domain/certificates";
import { auditReadings, auditedCerts, where } from "./certificate-support";
import { probeEv } from "./support";
import { defineCheck } from "./types";

// Weak keys (RSA under 2048 bits) and SHA-1 signatures on any certificate a node sends: browsers
// refuse them on the Join URL (R5) and current Expressway/CMS releases reject them on their links.
export const certStrength = defineCheck({
  id: "cert-strength",
  domainIds: ["R5"],
  title: `Certificates use RSA ${MIN_RSA_BITS}+ (or EC) keys and no SHA-1`,
  area: "dns-tls",
  evaluate(ctx) {
    const { audits, unknown } = auditReadings(ctx);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    for (const r of audits) {
      if (r.audit.outcome !== "ok") continue;
      for (const { cert, position } of auditedCerts(r.audit)) {
        evidence.push(
          probeEv(
            r.probe,
            `${where(r)} ${position}`,
            `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits}` : ""}, ${cert.signatureAlgorithm}`,
          ),
        );
        for (const i of strengthIssues(cert))
          fails.push(`${where(r)}: ${position} ${cert.commonName ?? cert.subject} ${i.message}`);
      }
    }
    if (!fails.length) return { status: "pass", summary: "No weak key or SHA-1 signature.", evidence, fix: [] };
    return {
      status: "fail",
      summary: `${fails.join("; ")}.`,
      evidence,
      fix: [
        `Generate a new CSR with an RSA key of at least ${MIN_RSA_BITS} bits (Expressway: Maintenance > Security > Server certificate > Generate CSR, key length 2048 or 4096), signed with SHA-256 or better.`,
        "Replace any SHA-1 intermediate the server sends with the CA's current SHA-256 intermediate.",
      ],
    };
  },
});
