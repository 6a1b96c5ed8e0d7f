import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { nameToCover } from "@/lib/domain/certificate-targets";
import { coversName } from "@/lib/domain/certificates";
import { auditReadings, where } from "./certificate-support";
import { probeEv } from "./support";
import { defineCheck } from "./types";

// Name coverage: the Join URL on Expressway-E's public certificate (C2, as browsers check it),
// each node's FQDN (its name in Settings) on its own certificate (Expressway traversal and the Call
// Bridge ↔ Web Bridge links verify names too), and the name an extra or CMS-listed address was
// reached by — none for an IP literal (rule: nameToCover in lib/domain/certificate-targets.ts).
export const certNames = defineCheck({
  id: "cert-names",
  domainIds: ["C2"],
  title: "Certificates cover the Join URL and each node's FQDN",
  area: "dns-tls",
  evaluate(ctx) {
    const { audits, unknown } = auditReadings(ctx);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    for (const r of audits) {
      if (r.audit.outcome !== "ok") continue;
      const leaf = r.audit.chain[0]!;
      const name = nameToCover(r.kind, {
        joinUrl: ctx.deployment.joinUrl,
        nodeName: r.node.name,
        servername: r.audit.servername,
      });
      evidence.push(
        probeEv(
          r.probe,
          `${where(r)} names`,
          `SANs ${leaf.sans.join(", ") || "(none)"}; CN ${leaf.commonName ?? "(none)"}`,
        ),
      );
      if (name && !coversName(leaf, name)) fails.push(`${where(r)}: certificate does not cover ${name}`);
    }
    if (!fails.length)
      return {
        status: "pass",
        summary: `The Join URL ${ctx.deployment.joinUrl} and every node FQDN are covered.`,
        evidence,
        fix: [],
      };
    return {
      status: "fail",
      summary: `${fails.join("; ")}.`,
      evidence,
      fix: [
        `Expressway-E: Maintenance > Security > Server certificate: generate a CSR with ${ctx.deployment.joinUrl} as a Subject Alternative Name (C2), and the node's own FQDN.`,
        "Every node: the certificate's SANs must include the node's FQDN as configured (the name other nodes and Edgescope use).",
        "Sign it with your CA and upload it on every node of the cluster.",
      ],
    };
  },
});
