// Which addresses the certificate audit derives from what CMS itself lists, and which name a
// certificate at an audited address must cover. Pure and isomorphic: the probe plan, the checks and
// the Certificates view read the same rules. See docs/certificates.md.

/** What a CMS lists about its own services: webBridges/<id> `url`, callBridges/<id> `address` [C]. */
export type ListedRole = "Web Bridge" | "Call Bridge";

export interface ListedAddress {
  role: ListedRole;
  /** As CMS answers it, e.g. "c2w://webbridge.example.com:9999", "https://14.80.82.30". */
  text: string;
}

export interface ListedHostPort {
  /** Lower-cased name, IPv4, or IPv6 without brackets. */
  host: string;
  port: number;
}

/** Port of a listed address that names none: CMS's web admin and Web Bridge default to HTTPS. */
export const LISTED_DEFAULT_PORT = 443;

const SCHEME = /^[a-z][a-z0-9+.-]{0,15}:\/\//i;
const HOST_CHARS = /^[a-z0-9._-]{1,253}$/;
const IPV6_CHARS = /^[0-9a-f:.]{2,45}$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** An IP literal (no name to check on a certificate): dotted IPv4, or anything with a colon (IPv6). */
export const isIpLiteral = (host: string): boolean => IPV4.test(host) || host.includes(":");

function validHost(host: string): boolean {
  if (host.includes(":")) return IPV6_CHARS.test(host) && host.split(":").length >= 3;
  if (IPV4.test(host)) return host.split(".").every((o) => Number(o) <= 255);
  if (!HOST_CHARS.test(host) || host.includes("..")) return false;
  return host.split(".").every((l) => l.length > 0 && l.length <= 63 && !l.startsWith("-") && !l.endsWith("-"));
}

/**
 * host and port from what CMS lists, read tolerantly because its format is not pinned down [I]: an
 * https:// or wss:// URL with a path, c2w://host:port (CMS 3.x Web Bridge), host:port, a bare host,
 * [IPv6]:port or a bare IPv6 address. Port LISTED_DEFAULT_PORT when none is given. null for empty or
 * unparsable text (never throws).
 */
export function parseListedAddress(text: string | null | undefined): ListedHostPort | null {
  let s = (text ?? "").trim();
  const scheme = SCHEME.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  const end = s.search(/[/?#]/);
  if (end >= 0) s = s.slice(0, end);
  s = s.slice(s.lastIndexOf("@") + 1);
  if (!s) return null;
  let host: string;
  let portText = "";
  if (s.startsWith("[")) {
    const close = s.indexOf("]");
    if (close < 0) return null;
    host = s.slice(1, close);
    const rest = s.slice(close + 1);
    if (rest && !rest.startsWith(":")) return null;
    portText = rest.slice(1);
  } else if (s.split(":").length > 2) {
    // Several colons without brackets: a bare IPv6 address (a port would need the brackets).
    host = s;
  } else {
    const colon = s.indexOf(":");
    host = colon < 0 ? s : s.slice(0, colon);
    portText = colon < 0 ? "" : s.slice(colon + 1);
  }
  host = host.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (!validHost(host)) return null;
  if (!portText) return { host, port: LISTED_DEFAULT_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
  return port >= 1 && port <= 65535 ? { host, port } : null;
}

/** The addresses one CMS lists, from the latest readings of its webBridges and callBridges sources. */
export function listedAddresses(
  web: { webBridges: { url: string | null }[] } | null | undefined,
  call: { callBridges: { address: string | null }[] } | null | undefined,
): ListedAddress[] {
  return [
    ...(web?.webBridges ?? []).map((w) => ({ role: "Web Bridge" as const, text: w.url ?? "" })),
    ...(call?.callBridges ?? []).map((c) => ({ role: "Call Bridge" as const, text: c.address ?? "" })),
  ].filter((a) => a.text.trim());
}

/** How a derived target is named in evidence and on the Certificates view. */
export const listedLabel = (role: ListedRole, nodeName: string): string => `${role} (listed by ${nodeName})`;

/** Where an audited address comes from; the name rule and the FN74362 rule depend on it. */
export type AuditKind = "management" | "public" | "extra" | "listed";

/** The kind of an audit probe from its key (lib/domain/keys.ts PROBE_KEYS.cert…). */
export function auditKindOf(probeKey: string): AuditKind {
  const prefix = probeKey.slice(0, probeKey.indexOf(":"));
  if (prefix === "cert-public") return "public";
  if (prefix === "cert-extra") return "extra";
  if (prefix === "cert-listed") return "listed";
  return "management";
}

/**
 * The name the leaf must cover, or null when none is demanded:
 * - public 443: the Join URL (C2);
 * - management: the node's FQDN (its name in Settings, when it has a dot);
 * - extra and listed targets: the name they were reached by (the SNI), never an IP literal — a
 *   Call Bridge listed as https://14.80.82.30 is reached by address, and demanding the node's FQDN
 *   (or an IP SAN) there would fail certificates that work.
 */
export function nameToCover(
  kind: AuditKind,
  o: { joinUrl: string; nodeName: string; servername: string | null },
): string | null {
  if (kind === "public") return o.joinUrl;
  if (kind === "management") return o.nodeName.includes(".") && !isIpLiteral(o.nodeName) ? o.nodeName : null;
  return o.servername && !isIpLiteral(o.servername) ? o.servername : null;
}
