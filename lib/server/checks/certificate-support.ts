import "server-only";
import { auditKindOf, type AuditKind } from "@/lib/domain/certificate-targets";
import { parseExtraAuditTargets, type CertificateDetail, type EndpointAudit } from "@/lib/domain/certificates";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { listedAuditTargets, listedOf, type LatestOf, type ListedTarget } from "@/lib/server/probes/listed-targets";
import { probeEv, unknownIfNoProbe } from "./support";
import type { CheckContext, CheckNode, CheckOutcome, ProbeReading } from "./types";

// What the certificate checks share: the audit probes of a deployment (each node's management
// address, each Expressway-E's public 443, the admin's extra targets, the Web Bridge and Call
// Bridge addresses CMS lists), and the rule that a missing or stale probe makes the check unknown,
// never pass.

/** The addresses CMS lists that are audited, from the nodes' settings and latest source readings. */
export function listedTargets(nodes: readonly CheckNode[], latest: LatestOf): ListedTarget[] {
  return listedAuditTargets(
    nodes.map((n) => ({ ...n, publicTarget: n.tlsProbeTarget })),
    listedOf(latest),
  );
}

export interface AuditReading {
  node: CheckNode;
  kind: AuditKind;
  probe: ProbeReading<EndpointAudit>;
  audit: EndpointAudit;
}

export interface AuditSet {
  audits: AuditReading[];
  /** Set when a probe has no usable result: the check returns it. */
  unknown: CheckOutcome | null;
}

/** Probe keys of the extra targets an admin set on the node (one key, unknown, when the setting is invalid). */
function extraKeys(node: CheckNode): string[] {
  const parsed = parseExtraAuditTargets(node.tlsAuditTargets);
  return parsed.ok ? parsed.value.map((_, i) => PROBE_KEYS.certExtra(node.id, i)) : [PROBE_KEYS.certExtra(node.id, 0)];
}

export function auditReadings(
  ctx: CheckContext,
  filter: (n: CheckNode) => boolean = () => true,
  which: AuditKind[] = ["management", "public", "extra", "listed"],
): AuditSet {
  const audits: AuditReading[] = [];
  const listed = which.includes("listed") ? ctx.listedTargets() : [];
  for (const node of ctx.nodes.filter(filter)) {
    const keys = [
      ...(which.includes("management") ? [PROBE_KEYS.certManagement(node.id)] : []),
      ...(which.includes("public") && node.role === "EXPRESSWAY_E" ? [PROBE_KEYS.certPublic(node.id)] : []),
      ...(which.includes("extra") ? extraKeys(node) : []),
      ...listed.filter((x) => x.nodeId === node.id).map((x) => x.key),
    ];
    for (const key of keys) {
      const probe = ctx.probe<EndpointAudit>(key);
      const none = unknownIfNoProbe(
        probe,
        `set an https:// management URL, and the public address or TLS probe target, of ${node.name}`,
      );
      if (none) return { audits, unknown: none };
      audits.push({ node, kind: auditKindOf(key), probe, audit: probe.result! });
    }
  }
  if (!audits.length)
    return {
      audits,
      unknown: {
        status: "unknown",
        summary: "The deployment has no node to audit.",
        evidence: [],
        fix: ["Settings > Deployments: add the nodes."],
      },
    };
  return { audits, unknown: null };
}

/** Certificates the server sent or the chain walk found, except a trust-store root (not the node's to fix). */
export const auditedCerts = (
  a: EndpointAudit,
): { cert: CertificateDetail; position: "leaf" | "intermediate" | "root" }[] =>
  a.chain.map((cert, i) => ({ cert, position: i === 0 ? "leaf" : cert.selfSigned ? "root" : "intermediate" }));

export const where = (r: AuditReading) => `${r.node.name} ${r.audit.label} ${r.audit.target}`;

/** Evidence for an endpoint that gave no handshake (these are skipped by every check but the chain one). */
export const noHandshake = (r: AuditReading) => probeEv(r.probe, `${r.node.name} ${r.audit.label}`, r.audit.detail);

export function verdict(fails: string[], warns: string[]): "pass" | "warn" | "fail" {
  return fails.length ? "fail" : warns.length ? "warn" : "pass";
}
