import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { clientAuthFix, clientAuthNeed, hasClientAuth } from "@/lib/domain/certificates";
import { auditReadings, where } from "./certificate-support";
import { SOURCES } from "@/lib/domain/sources";
import { ev, isUsable, probeEv, whyUnusable } from "./support";
import { defineCheck } from "./types";

// FN74362: Expressway presents its server certificate as a TLS client on the traversal zone and
// the MRA / Web Proxy SSH tunnels (R2). Releases X14.0.0–X15.3.2 need clientAuth in that
// certificate; X15.4 has a CLI switch on Expressway-E; X15.5 has a separate client certificate store.
export const certClientAuth = defineCheck({
  id: "cert-client-auth",
  domainIds: ["R2"],
  title: "Expressway certificates carry clientAuth where the release still needs it (FN74362)",
  area: "dns-tls",
  evaluate(ctx) {
    const isX = (role: string) => role === "EXPRESSWAY_C" || role === "EXPRESSWAY_E";
    const { audits, unknown } = auditReadings(ctx, (n) => isX(n.role), ["management"]);
    if (unknown) return unknown;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    let fix: string[] = [];
    for (const r of audits) {
      if (r.audit.outcome !== "ok") continue;
      const leaf = r.audit.chain[0]!;
      const sys = ctx.reading(r.node.id, SOURCES.expresswaySystem);
      const version = isUsable(sys) ? sys.data!.content.version : null;
      evidence.push(isUsable(sys) ? ev(sys, "version", version!) : whyUnusable(sys));
      evidence.push(
        probeEv(
          r.probe,
          `${where(r)} EKU`,
          leaf.extendedKeyUsages === null ? "(no EKU extension: any purpose)" : leaf.extendedKeyUsages.join(", "),
        ),
      );
      if (hasClientAuth(leaf)) continue;
      const need = clientAuthNeed(version);
      if (need === "needs") {
        fails.push(
          `${r.node.name} (${version}) presents a certificate without clientAuth: its traversal zone and MRA / Web Proxy tunnels fail (FN74362)`,
        );
        fix = clientAuthFix(need);
      } else if (need === "switch") {
        warns.push(
          `${r.node.name} (${version}) has a server-only certificate: X15.4 needs the EnableServerEkuUpload switch and a clientAuth certificate on the traversal client`,
        );
        if (!fix.length) fix = clientAuthFix(need);
      } else if (need === "unknown") {
        warns.push(
          `${r.node.name}: certificate without clientAuth and the Expressway version is unknown, so FN74362 cannot be ruled out`,
        );
        if (!fix.length) fix = clientAuthFix("needs");
      } else {
        evidence.push(
          probeEv(
            r.probe,
            `${r.node.name}`,
            `${version}: server-only certificate is fine; the client certificate store (X15.5+) must hold a clientAuth certificate, which a handshake to the server cannot show`,
          ),
        );
      }
    }
    if (fails.length) return { status: "fail", summary: `${fails.join("; ")}.`, evidence, fix };
    if (warns.length) return { status: "warn", summary: `${warns.join("; ")}.`, evidence, fix };
    return { status: "pass", summary: "Every Expressway certificate suits its release (FN74362).", evidence, fix: [] };
  },
});
