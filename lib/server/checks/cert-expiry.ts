import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { DEFAULT_EXPIRY_REMINDER_DAYS, expiryVerdict } from "@/lib/domain/certificates";
import { auditReadings, auditedCerts, noHandshake, verdict, where } from "./certificate-support";
import { probeEv } from "./support";
import { defineCheck } from "./types";

// Expiry of every certificate each node presents (R5: browsers reach Expressway-E on 443; C2: its
// certificate; the management and CMS addresses too): reminders at 60/30/14/7 days by default
// (EDGESCOPE_CERT_REMINDER_DAYS), fail once expired.
export const certExpiry = defineCheck({
  id: "cert-expiry",
  domainIds: ["C2", "R5"],
  title: "Certificates are not expired or about to expire",
  area: "dns-tls",
  evaluate(ctx) {
    const { audits, unknown } = auditReadings(ctx);
    if (unknown) return unknown;
    const reminders = ctx.deployment.certReminderDays ?? DEFAULT_EXPIRY_REMINDER_DAYS;
    const evidence: CheckEvidence[] = [];
    const fails: string[] = [];
    const warns: string[] = [];
    for (const r of audits) {
      if (r.audit.outcome !== "ok") {
        evidence.push(noHandshake(r));
        continue;
      }
      for (const { cert, position } of auditedCerts(r.audit)) {
        if (position === "root") continue;
        const v = expiryVerdict(cert.notAfter, ctx.now, reminders);
        evidence.push(
          probeEv(
            r.probe,
            `${where(r)} ${position}`,
            `${cert.subject} — not after ${cert.notAfter} (${v.expired ? "expired" : `${v.days} days`})`,
          ),
        );
        if (v.status === "fail")
          fails.push(
            `${where(r)}: ${position} ${cert.commonName ?? cert.subject} expired ${cert.notAfter.slice(0, 10)}`,
          );
        else if (v.status === "warn")
          warns.push(
            `${where(r)}: ${position} ${cert.commonName ?? cert.subject} expires in ${v.days} days (${v.reminder}-day reminder)`,
          );
      }
    }
    const status = verdict(fails, warns);
    if (status === "pass")
      return { status, summary: `No certificate expires within ${Math.max(...reminders)} days.`, evidence, fix: [] };
    return {
      status,
      summary: `${[...fails, ...warns].join("; ")}.`,
      evidence,
      fix: [
        "Expressway: Maintenance > Security > Server certificate: generate a CSR (keep every SAN, the Join URL on Expressway-E (C2)), have it signed and upload it on every node of the cluster.",
        "CMS: upload the renewed certificate and key over SFTP and assign them with the MMP (`webadmin certs`, `webbridge3 https certs`, `callbridge certs`), then restart the service.",
        "Renew before the last reminder: public CAs now issue server-only certificates, so an Expressway renewal may also need the clientAuth step (see the cert-client-auth check, FN74362).",
      ],
    };
  },
});
