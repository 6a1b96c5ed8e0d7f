import "server-only";

import { SocketAddress, isIPv4, isIPv6 } from "node:net";

import { checkHostname } from "./host-port";

// Pure half of the DNS probe: how node:dns (c-ares) errors map to DNS rcodes and outcomes, and
// how answers compare with what the user expects (R8 outside, R9 inside, T3/T4 SRV).

export const DNS_RECORD_TYPES = ["A", "AAAA", "SRV"] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/**
 * ok: NOERROR with answers · nodata: NOERROR, empty answer · nxdomain: the name does not exist ·
 * servfail: the resolver could not get an answer (upstream down, DNSSEC bogus) · refused: the
 * resolver will not answer us · unreachable: nothing listens at the resolver address (ICMP) ·
 * timeout: no answer within the budget · error: anything else (malformed reply, …).
 */
export type DnsOutcome = "ok" | "nodata" | "nxdomain" | "servfail" | "refused" | "timeout" | "unreachable" | "error";
export type DnsRcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED" | "FORMERR" | "NOTIMP";

export interface DnsAnswer {
  /** What `expected` is compared with: an address, or "target:port" for SRV. */
  value: string;
  /** Seconds; A/AAAA only (node:dns gives no TTL for SRV). */
  ttl?: number;
  target?: string;
  port?: number;
  priority?: number;
  weight?: number;
}

/** c-ares error code → what the resolver said. A null rcode means no DNS answer arrived at all. */
const ERROR_MAP: Record<string, { outcome: DnsOutcome; rcode: DnsRcode | null }> = {
  ENOTFOUND: { outcome: "nxdomain", rcode: "NXDOMAIN" },
  ENODATA: { outcome: "nodata", rcode: "NOERROR" },
  ESERVFAIL: { outcome: "servfail", rcode: "SERVFAIL" },
  EREFUSED: { outcome: "refused", rcode: "REFUSED" },
  EFORMERR: { outcome: "error", rcode: "FORMERR" },
  ENOTIMP: { outcome: "error", rcode: "NOTIMP" },
  ETIMEOUT: { outcome: "timeout", rcode: null },
  // Our own deadline cancels the resolver; for the user that is the same as a timeout.
  ECANCELLED: { outcome: "timeout", rcode: null },
  // c-ares uses a connected UDP socket, so an ICMP port-unreachable surfaces at once.
  ECONNREFUSED: { outcome: "unreachable", rcode: null },
};

export function outcomeForDnsError(code: string | undefined): { outcome: DnsOutcome; rcode: DnsRcode | null } {
  return ERROR_MAP[code ?? ""] ?? { outcome: "error", rcode: null };
}

export function describeDnsOutcome(
  outcome: DnsOutcome,
  name: string,
  type: DnsRecordType,
  resolver: string,
  count: number,
): string {
  switch (outcome) {
    case "ok":
      return `${resolver} answered ${count} ${type} record${count === 1 ? "" : "s"} for ${name}`;
    case "nodata":
      return `${name} exists at ${resolver} but has no ${type} record (NOERROR, empty answer)`;
    case "nxdomain":
      return `${resolver} says ${name} does not exist (NXDOMAIN)`;
    case "servfail":
      return `${resolver} could not resolve ${name} (SERVFAIL: its upstream failed or DNSSEC validation failed)`;
    case "refused":
      return `${resolver} refused the query for ${name} (REFUSED: not serving this name or this client)`;
    case "timeout":
      return `no answer from ${resolver} for ${name} ${type} in time`;
    case "unreachable":
      return `nothing answers DNS at ${resolver} (connection refused)`;
    case "error":
      return `the query for ${name} ${type} at ${resolver} failed`;
  }
}

/** Canonical text so "2001:DB8:0::5" equals "2001:db8::5" and "Host.Example." equals "host.example". */
export function canonicalAddress(text: string): string {
  const trimmed = text.trim();
  if (isIPv6(trimmed)) return new SocketAddress({ address: trimmed, family: "ipv6" }).address;
  return trimmed.toLowerCase().replace(/\.$/, "");
}

export function aAnswers(records: { address: string; ttl: number }[]): DnsAnswer[] {
  return records.map((r) => ({ value: canonicalAddress(r.address), ttl: r.ttl }));
}

export function srvAnswers(records: { name: string; port: number; priority: number; weight: number }[]): DnsAnswer[] {
  return records.map((r) => {
    const target = canonicalAddress(r.name);
    return { value: `${target}:${r.port}`, target, port: r.port, priority: r.priority, weight: r.weight };
  });
}

/** Why an expected entry cannot be an answer of this type, or undefined when it can. */
export function checkExpected(type: DnsRecordType, entry: string): string | undefined {
  const text = entry.trim();
  if (type === "A") return isIPv4(text) ? undefined : `"${entry}" is not an IPv4 address (type A)`;
  if (type === "AAAA") return isIPv6(text) ? undefined : `"${entry}" is not an IPv6 address (type AAAA)`;
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(text);
  const portOk = m?.[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 65535);
  if (!m?.[1] || !portOk || checkHostname(m[1]))
    return `"${entry}" is not an SRV target: want "host" or "host:port" (type SRV)`;
  return undefined;
}

/** An SRV expectation without a port matches the target on any port. */
function entryMatches(type: DnsRecordType, expected: string, answer: DnsAnswer): boolean {
  if (type !== "SRV") return canonicalAddress(expected) === answer.value;
  const [target = "", port] = expected.trim().split(":");
  return canonicalAddress(target) === answer.target && (port === undefined || Number(port) === answer.port);
}

export interface ExpectationResult {
  matches: boolean;
  /** Expected entries no answer matched. */
  missing: string[];
  /** Answers no expected entry matched (e.g. Expressway-E's address on the inside: R9). */
  unexpected: string[];
}

/** Compares as sets: DNS answer order rotates and is not part of R8/R9. */
export function compareExpected(type: DnsRecordType, expected: string[], answers: DnsAnswer[]): ExpectationResult {
  const missing = expected.filter((e) => !answers.some((a) => entryMatches(type, e, a)));
  const unexpected = answers.filter((a) => !expected.some((e) => entryMatches(type, e, a))).map((a) => a.value);
  return { matches: missing.length === 0 && unexpected.length === 0, missing, unexpected };
}
