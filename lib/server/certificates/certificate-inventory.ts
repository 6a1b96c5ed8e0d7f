import "server-only";
import {
  chainProblem,
  clientAuthNeed,
  coversName,
  daysLeft,
  expiryVerdict,
  hasClientAuth,
  sortByDaysLeft,
  strengthIssues,
  type CertificateRow,
  type CertificatesResponse,
  type EndpointAudit,
} from "@/lib/domain/certificates";
import { SOURCES } from "@/lib/domain/sources";
import type { Identity as ExpresswayIdentity } from "@/lib/domain/sources/expressway-system";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { certificateProbes } from "@/lib/server/probes/certificate-probes";
import { missing, planned, type PlanNode } from "@/lib/server/probes/probe-plan";
import type { ProbeMode, ProbeRunner } from "@/lib/server/probes/probe-runner";
import { latestSnapshots } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";

// Every certificate of every deployment for the Certificates view: the audit probes' results
// (reused from the probe schedule when fresh, run otherwise), one row per certificate with the
// problems the checks would name, soonest expiry first. The rules are lib/domain/certificates.ts.

function problemsOf(
  a: EndpointAudit,
  i: number,
  node: { name: string; role: string },
  version: string | null,
  joinUrl: string,
  now: number,
): string[] {
  const cert = a.chain[i]!;
  const out = strengthIssues(cert).map((s) => s.message);
  const exp = expiryVerdict(cert.notAfter, now);
  if (exp.status !== "pass") out.push(exp.expired ? "expired" : `within the ${exp.reminder}-day reminder`);
  if (i === 0) {
    const p = chainProblem(a);
    if (p)
      out.push(
        p === "incomplete"
          ? "chain cannot be built (missing intermediate or wrong CA)"
          : p === "expired-in-chain"
            ? "expired certificate in chain"
            : `not trusted (${a.verifyError})`,
      );
    const name = a.label.startsWith("public")
      ? joinUrl
      : a.label === "management"
        ? node.name.includes(".")
          ? node.name
          : null
        : a.servername && /[a-z]/i.test(a.servername)
          ? a.servername
          : null;
    if (name && !coversName(cert, name)) out.push(`does not cover ${name}`);
    if (
      (node.role === "EXPRESSWAY_C" || node.role === "EXPRESSWAY_E") &&
      a.label === "management" &&
      !hasClientAuth(cert) &&
      clientAuthNeed(version) !== "separate"
    )
      out.push("no clientAuth EKU (FN74362)");
  }
  return out;
}

export async function getCertificateInventory(
  db: Db,
  runner: ProbeRunner,
  mode: ProbeMode,
  now = Date.now(),
): Promise<CertificatesResponse> {
  const deployments = await db.deployment.findMany({
    include: { nodes: { orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
  });
  const versions = await latestSnapshots<ExpresswayIdentity>(
    db,
    deployments.flatMap((d) => d.nodes.map((n) => n.id)),
    SOURCES.expresswaySystem,
  );
  const rows: CertificateRow[] = [];
  const unreachable: CertificatesResponse["unreachable"] = [];
  await Promise.all(
    deployments.map(async (d) => {
      const plan = certificateProbes(
        { ...d, certReminderDays: undefined },
        d.nodes.map((n): PlanNode => ({ ...n, turnCredential: null })),
        planned,
        missing,
      );
      const readings = await runner.readings(d.id, plan, mode, () => now);
      // A CA certificate shared by many endpoints is listed once per deployment (leaves always).
      const seenCa = new Set<string>();
      for (const n of d.nodes) {
        const extras = Object.keys(readings).filter((k) => k.startsWith(`cert-extra:${n.id}:`));
        for (const key of [PROBE_KEYS.certManagement(n.id), PROBE_KEYS.certPublic(n.id), ...extras]) {
          const r = readings[key];
          if (!r) continue;
          const a = r.result as EndpointAudit | null;
          if (!a || a.outcome !== "ok") {
            unreachable.push({
              deploymentName: d.name,
              nodeName: n.name,
              endpoint: a?.label ?? r.label,
              detail: a?.detail ?? r.missing ?? "no result",
            });
            continue;
          }
          a.chain.forEach((cert, i) => {
            if (i > 0 && seenCa.has(cert.fingerprint256)) return;
            if (i > 0) seenCa.add(cert.fingerprint256);
            const { days, expired } = daysLeft(cert.notAfter, now);
            rows.push({
              deploymentId: d.id,
              deploymentName: d.name,
              nodeId: n.id,
              nodeName: n.name,
              endpoint: a.label,
              target: a.target,
              position: i === 0 ? "leaf" : cert.selfSigned ? "root" : "intermediate",
              subject: cert.subject,
              issuer: cert.issuer,
              sans: cert.sans,
              notAfter: cert.notAfter,
              daysLeft: days,
              expired,
              keyType: cert.keyType,
              keyBits: cert.keyBits,
              signatureAlgorithm: cert.signatureAlgorithm,
              extendedKeyUsages: cert.extendedKeyUsages,
              trusted: a.trusted,
              fingerprint256: cert.fingerprint256,
              problems: problemsOf(a, i, n, versions.get(n.id)?.content.version ?? null, d.joinUrl, now),
            });
          });
        }
      }
    }),
  );
  return { generatedAt: new Date(now).toISOString(), rows: sortByDaysLeft(rows), unreachable };
}
