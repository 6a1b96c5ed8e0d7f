import "server-only";

import { SocketAddress, isIPv6 } from "node:net";
import type { DetailedPeerCertificate, PeerCertificate } from "node:tls";

// Pure half of the TLS probe: turns node's peer-certificate objects into the facts an engineer
// checks for C2 (is the Join URL a SAN of Expressway-E's certificate) and for expiry.

export const DAY_MS = 86_400_000;
/** Depth guard for the issuer walk; real chains are 2–4 long. */
const MAX_CHAIN = 10;

export interface ChainEntry {
  subject: string;
  issuer: string;
}

export interface CertificateFacts {
  /** DNS names and IP addresses of the subjectAltName extension, in certificate order. */
  sans: string[];
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until validTo, rounded toward zero: 89.9 → 89, −3.2 → −3. See `expired`. */
  daysToExpiry: number;
  /** Past validTo; needed because −0.5 days rounds to 0. */
  expired: boolean;
  fingerprint256: string;
  /** Leaf first, then each issuer node could link; the last one is the root when it was found. */
  chain: ChainEntry[];
}

type Dn = PeerCertificate["subject"] | undefined;

/** node gives { CN: "x", O: ["a","b"] }; shows it as "CN=x, O=a, O=b". */
export function formatDn(dn: Dn): string {
  if (!dn) return "";
  return Object.entries(dn as unknown as Record<string, string | string[] | undefined>)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => `${key}=${v}`),
    )
    .join(", ");
}

/**
 * Parses node's `subjectaltname` text, e.g. `DNS:a.example, IP Address:192.0.2.1`. Node quotes
 * values containing commas or quotes as JSON strings (since v17.3), so split outside quotes.
 * Only DNS and IP entries are kept: they are what a TLS client matches the servername against.
 */
export function parseSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  // Sticky (y): each entry starts where the last ended, so a long run of letters is not
  // retried from each of its characters.
  const entry = /(DNS|IP Address|[A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy;
  for (const m of text.matchAll(entry)) {
    const [, kind, raw = ""] = m;
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (kind === "DNS") out.push(value.toLowerCase());
    // node prints IPv6 SANs fully expanded in upper case; compress so they read like input.
    else if (kind === "IP Address")
      out.push(isIPv6(value) ? new SocketAddress({ address: value, family: "ipv6" }).address : value);
  }
  return out;
}

/** Rounded toward zero so "expired 3 days ago" reads −3, not −4; `expired` settles the ±0 case. */
export function daysToExpiry(validToMs: number, nowMs: number): { daysToExpiry: number; expired: boolean } {
  const days = Math.trunc((validToMs - nowMs) / DAY_MS);
  return { daysToExpiry: days === 0 ? 0 : days, expired: nowMs > validToMs };
}

/** Follows issuerCertificate links; a self-signed root links to itself, which ends the walk. */
export function walkChain(leaf: DetailedPeerCertificate): ChainEntry[] {
  const chain: ChainEntry[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert && chain.length < MAX_CHAIN && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push({ subject: formatDn(cert.subject), issuer: formatDn(cert.issuer) });
    cert = cert.issuerCertificate;
  }
  return chain;
}

function toIso(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

export function certificateFacts(cert: DetailedPeerCertificate, nowMs: number): CertificateFacts {
  return {
    sans: parseSubjectAltName(cert.subjectaltname),
    subject: formatDn(cert.subject),
    issuer: formatDn(cert.issuer),
    validFrom: toIso(cert.valid_from),
    validTo: toIso(cert.valid_to),
    ...daysToExpiry(Date.parse(cert.valid_to), nowMs),
    fingerprint256: cert.fingerprint256,
    chain: walkChain(cert),
  };
}
