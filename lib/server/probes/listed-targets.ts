import "server-only";
import {
  listedAddresses,
  listedLabel,
  isIpLiteral,
  parseListedAddress,
  type ListedAddress,
} from "@/lib/domain/certificate-targets";
import { parseExtraAuditTargets } from "@/lib/domain/certificates";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { SOURCES, type SourceId, type SourceLatest } from "@/lib/domain/sources";
import { httpsAddress } from "./certificate-audit";
import { formatHostPort, parseHostPort } from "./host-port";

// The Web Bridge and Call Bridge addresses each CMS lists about itself (webBridges url,
// callBridges address), turned into certificate audit targets: the probe plan runs them, the
// checks and the Certificates view read them, all from this one derivation so their keys agree.
// An address already audited — a management address, an admin's extra target, an Expressway-E's
// public 443, or one another CMS of the cluster listed first — is audited once.

export interface ListedTargetNode {
  id: string;
  name: string;
  role: string;
  baseUrl?: string;
  tlsAuditTargets?: string | null;
  /** Expressway-E only: where its public 443 is audited (the TLS probe target, else the public address). */
  publicTarget?: string | null;
}

export interface ListedTarget {
  /** The CMS node that lists it (its CA PEM judges the chain). */
  nodeId: string;
  key: string;
  label: string;
  /** "host:port", IPv6 in brackets */
  target: string;
  /** SNI and the name to cover; null for an IP literal. */
  servername: string | null;
}

/** The latest stored value of a source on a node, or null. */
export type LatestOf = <K extends SourceId>(nodeId: string, source: K) => SourceLatest<K> | null;

/** What each CMS node lists, from the latest readings of its webBridges and callBridges sources. */
export const listedOf =
  (latest: LatestOf) =>
  (nodeId: string): ListedAddress[] =>
    listedAddresses(latest(nodeId, SOURCES.cmsWebBridges)?.content, latest(nodeId, SOURCES.cmsCallBridges)?.content);

const normalised = (text: string, defaultPort?: number): string | null => {
  const p = parseHostPort(text, { defaultPort });
  return p.ok ? formatHostPort(p.value) : null;
};

export function listedAuditTargets(
  nodes: readonly ListedTargetNode[],
  listed: (nodeId: string) => ListedAddress[],
): ListedTarget[] {
  const audited = new Set<string>();
  for (const n of nodes) {
    const mgmt = n.baseUrl ? httpsAddress(n.baseUrl) : null;
    if (mgmt) audited.add(formatHostPort(mgmt));
    const extra = parseExtraAuditTargets(n.tlsAuditTargets);
    if (extra.ok) for (const x of extra.value) audited.add(normalised(x.target) ?? x.target);
    if (n.role === "EXPRESSWAY_E" && n.publicTarget) audited.add(normalised(n.publicTarget, 443) ?? n.publicTarget);
  }
  const out: ListedTarget[] = [];
  for (const n of nodes.filter((x) => x.role === "CMS")) {
    for (const a of listed(n.id)) {
      const hp = parseListedAddress(a.text);
      // Checked again as every probe target is: what the probe would refuse is skipped, not planned.
      const target = hp && normalised(formatHostPort(hp));
      if (!hp || !target || audited.has(target)) continue;
      audited.add(target);
      out.push({
        nodeId: n.id,
        key: PROBE_KEYS.certListed(n.id, target),
        label: listedLabel(a.role, n.name),
        target,
        servername: isIpLiteral(hp.host) ? null : hp.host,
      });
    }
  }
  return out;
}
