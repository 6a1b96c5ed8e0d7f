import "server-only";
import { auditKindOf, listedAddresses, nameToCover, type AuditKind } from "@/lib/domain/certificate-targets";
import {
  chainProblem,
  clientAuthNeed,
  coversName,
  DEFAULT_EXPIRY_REMINDER_DAYS,
  expiryState,
  expiryVerdict,
  hasClientAuth,
  sortByDaysLeft,
  strengthIssues,
  type CertificateRow,
  type CertificatesResponse,
  type EndpointAudit,
  type ExpiryVerdict,
} from "@/lib/domain/certificates";
import type { Content as CallBridgesContent } from "@/lib/domain/sources/cms-call-bridges";
import type { Content as WebBridgesContent } from "@/lib/domain/sources/cms-web-bridges";
import { SOURCES } from "@/lib/domain/sources";
import type { Identity as ExpresswayIdentity } from "@/lib/domain/sources/expressway-system";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { certificateProbes } from "@/lib/server/probes/certificate-probes";
import { listedAuditTargets } from "@/lib/server/probes/listed-targets";
import { missing, planned, type PlanNode } from "@/lib/server/probes/probe-plan";
import type { ProbeMode, ProbeRunner } from "@/lib/server/probes/probe-runner";
import { latestSnapshots } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";

// Every certificate of every deployment for the Certificates view: the audit probes' results
// (reused from the probe schedule when fresh, run otherwise), one row per certificate with the
// problems the checks would name and its expiry state by the configured reminders (so the view
// colours rows as cert-expiry judges them), soonest expiry first. The rules are
// lib/domain/certificates.ts and lib/domain/certificate-targets.ts.

function problemsOf(
  a: EndpointAudit,
  i: number,
  kind: AuditKind,
  node: { name: string; role: string },
  version: string | null,
  joinUrl: string,
  expiry: ExpiryVerdict,
): string[] {
  const cert = a.chain[i]!;
  const out = strengthIssues(cert).map((s) => s.message);
  if (expiry.status !== "pass") out.push(expiry.expired ? "expired" : `within the ${expiry.reminder}-day reminder`);
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
    const name = nameToCover(kind, { joinUrl, nodeName: node.name, servername: a.servername });
    if (name && !coversName(cert, name)) out.push(`does not cover ${name}`);
    if (
      (node.role === "EXPRESSWAY_C" || node.role === "EXPRESSWAY_E") &&
      kind === "management" &&
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
  reminders: readonly number[] = DEFAULT_EXPIRY_REMINDER_DAYS,
  now = Date.now(),
): Promise<CertificatesResponse> {
  const deployments = await db.deployment.findMany({
    include: { nodes: { orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
  });
  const nodeIds = deployments.flatMap((d) => d.nodes.map((n) => n.id));
  const [versions, webBridges, callBridges] = await Promise.all([
    latestSnapshots<ExpresswayIdentity>(db, nodeIds, SOURCES.expresswaySystem),
    latestSnapshots<WebBridgesContent>(db, nodeIds, SOURCES.cmsWebBridges),
    latestSnapshots<CallBridgesContent>(db, nodeIds, SOURCES.cmsCallBridges),
  ]);
  const listedBy = (nodeId: string) =>
    listedAddresses(webBridges.get(nodeId)?.content, callBridges.get(nodeId)?.content);
  const rows: CertificateRow[] = [];
  const unreachable: CertificatesResponse["unreachable"] = [];
  await Promise.all(
    deployments.map(async (d) => {
      const listed = listedAuditTargets(
        d.nodes.map((n) => ({ ...n, publicTarget: n.tlsProbeTarget ?? n.publicAddress })),
        listedBy,
      );
      const plan = certificateProbes(
        { ...d, certReminderDays: reminders },
        d.nodes.map((n): PlanNode => ({ ...n, turnCredential: null })),
        planned,
        missing,
        listed,
      );
      const readings = await runner.readings(d.id, plan, mode, () => now);
      // A CA certificate shared by many endpoints is listed once per deployment (leaves always).
      const seenCa = new Set<string>();
      for (const n of d.nodes) {
        const extras = Object.keys(readings).filter((k) => k.startsWith(`cert-extra:${n.id}:`));
        const mine = listed.filter((x) => x.nodeId === n.id).map((x) => x.key);
        for (const key of [PROBE_KEYS.certManagement(n.id), PROBE_KEYS.certPublic(n.id), ...extras, ...mine]) {
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
          const kind = auditKindOf(key);
          a.chain.forEach((cert, i) => {
            if (i > 0 && seenCa.has(cert.fingerprint256)) return;
            if (i > 0) seenCa.add(cert.fingerprint256);
            const expiry = expiryVerdict(cert.notAfter, now, reminders);
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
              daysLeft: expiry.days,
              expired: expiry.expired,
              keyType: cert.keyType,
              keyBits: cert.keyBits,
              signatureAlgorithm: cert.signatureAlgorithm,
              extendedKeyUsages: cert.extendedKeyUsages,
              trusted: a.trusted,
              fingerprint256: cert.fingerprint256,
              problems: problemsOf(a, i, kind, n, versions.get(n.id)?.content.version ?? null, d.joinUrl, expiry),
              expiry: expiryState(expiry),
            });
          });
        }
      }
    }),
  );
  return {
    generatedAt: new Date(now).toISOString(),
    reminderDays: [...reminders].sort((a, b) => b - a),
    rows: sortByDaysLeft(rows),
    unreachable,
  };
}
