// Which of the symptoms T1–T4 each failing check and each evidence finding can cause, how much
// confidence it lends, and which other causes it explains (the root cause leads). Data, not
// branches: the server's verdict engine (lib/server/scenarios) reads it, and the troubleshooting
// page lists the checks that bear on a symptom from it. A unit test asserts every check id is here.
import type { ScenarioId } from "./findings";

export interface CauseRule {
  /** What is wrong, said first, before the evidence. */
  title: string;
  /** Confidence this cause lends to each symptom when its check fails (0..1). */
  fail: Partial<Record<ScenarioId, number>>;
  /** Same for a warn (most warnings cause nothing). */
  warn?: Partial<Record<ScenarioId, number>>;
  /** Causes (check ids) this one explains when both are present: it is their root cause. */
  explains?: readonly string[];
  /** When it causes none of T1–T4: what it does cause, said plainly. */
  none?: string;
  /**
   * For a check whose result names the symptoms each failing item points at (CheckResult.items
   * with scenarioIds, e.g. R3's alarms as lib/domain/cms-alarms.ts maps them): the confidence one
   * such item lends each symptom it names. Items naming none of T1–T4 lend nothing and are said
   * plainly. Without it an item naming symptoms lends the `fail` weights of those symptoms.
   */
  perItem?: Partial<Record<ScenarioId, number>>;
}

/** Every check of lib/server/checks, by id. */
export const CHECK_CAUSES: Record<string, CauseRule> = {
  "r1-versions": {
    title: "Expressway and CMS versions do not fit together (R1)",
    fail: { T1: 0.4, T3: 0.4 },
  },
  "r2-expressway-e-answers": {
    title: "An Expressway-E does not answer: down or unreachable (R2)",
    fail: { T4: 0.5, T3: 0.4 },
    // A node that is down has no tunnels, no TURN server and no certificate to show.
    // Nor a TLS handshake for the certificate audit.
    explains: [
      "v3-tunnels",
      "r4-turn-active",
      "r6-turn-ports",
      "c5-turn-credentials",
      "v4-turn-rtt",
      "c2-certificate",
      "cert-chain",
      "cert-expiry",
      "cert-names",
      "cert-strength",
      "cert-client-auth",
    ],
  },
  "r4-turn-active": {
    title: "TURN is not Active on an Expressway-E (R4, C3)",
    fail: { T3: 0.8, T1: 0.6 },
    // An Inactive TURN server answers nothing: its ports are silent, Allocates fail and CMS gets no RTT.
    explains: ["r6-turn-ports", "c5-turn-credentials", "v4-turn-rtt"],
  },
  "r6-turn-ports": {
    title: "Expressway-E's TURN port does not answer (R6)",
    fail: { T3: 0.75, T1: 0.4 },
    explains: ["c5-turn-credentials"],
  },
  "r8-outside-dns": {
    title: "Outside DNS does not give Expressway-E's public address for the Join URL (R8)",
    fail: {},
    none: "None of T1–T4: a browser on the internet does not find the Join URL at all, so the web app never loads (R8).",
  },
  "r9-inside-dns": {
    title: "Inside DNS does not resolve the Join URL to the Web Bridge (R9)",
    fail: { T2: 0.85 },
    warn: { T2: 0.4 },
  },
  "r12-jabber-guest": {
    title: "The Expressway pair also serves Jabber Guest (R12)",
    fail: { T4: 0.4 },
  },
  "c1-web-proxy": {
    title: "Meeting Server Web Proxy is off, or its Guest account client URI is not the Join URL (C1)",
    fail: { T4: 0.85, T2: 0.3 },
    // With the proxy off Expressway-C adds no Web Bridge rules, builds no Join URL tunnels and resolves nothing.
    explains: ["v1-web-bridge-resolved", "v2-allowlist-rules", "v3-tunnels"],
  },
  "c2-certificate": {
    title: "Expressway-E's certificate does not cover the Join URL (C2)",
    fail: {},
    none: "None of T1–T4: the browser warns about the certificate before the web app loads (C2).",
  },
  "c4-admin-port": {
    title: "Expressway-E's web administration is on port 443 (C4)",
    fail: {},
    none: "None of T1–T4: browsers on 443 reach Expressway-E's administration instead of the web app (C4).",
  },
  "c5-turn-servers": {
    title: "A CMS turnServer is missing or wrong (C5)",
    fail: { T1: 0.5, T3: 0.4 },
    // A turnServer pointing at the wrong address gets no RTT.
    explains: ["v4-turn-rtt"],
  },
  "c5-turn-credentials": {
    title: "Expressway-E rejects the TURN credentials (C3, C5)",
    fail: { T1: 0.9 },
    warn: { T1: 0.3 },
  },
  "v1-web-bridge-resolved": {
    title: "Expressway-C has not resolved the Web Bridge (V1)",
    fail: { T4: 0.5 },
  },
  "v2-allowlist-rules": {
    title: "The HTTP allow list lacks a Meeting Server web bridge rule (V2)",
    fail: { T4: 0.75 },
  },
  "v3-tunnels": {
    title: "An SSH tunnel for the Join URL is not Active (V3)",
    fail: { T4: 0.75, T3: 0.5 },
  },
  "v4-turn-rtt": {
    title: "The Call Bridge gets no RTT from a TURN server (V4, R7)",
    fail: { T3: 0.4, T1: 0.3 },
  },
  "v5-relay-usage": {
    title: "TURN relay usage is not being read from every Expressway-E (V5)",
    fail: {},
    none: "None of T1–T4: Edgescope cannot see relay usage, which says nothing about calls (V5).",
  },
  "r3-cms-alarms": {
    title: "Meeting Server raises alarms (R3)",
    // Each alarm (and bad Web Bridge status) names its own symptoms in lib/domain/cms-alarms.ts:
    // c2wConnectionFailure is the T2 failure itself; xmppRegistrationFailure stops joins (T4)
    // more surely than media (T3); a database or peer alarm names none and lends nothing.
    fail: {},
    perItem: { T2: 0.8, T4: 0.6, T3: 0.5 },
  },
  "xmpp-srv": {
    title: "CMS cannot resolve the _xmpp-client SRV record inside (T3, T4)",
    fail: { T4: 0.85, T3: 0.7 },
  },
  // Certificate audit (docs/certificates.md). Expressway-C and -E present their certificates to each
  // other on the traversal zone, which carries the Web Proxy's SSH tunnels: a certificate the peer
  // refuses takes the tunnels down (T4); one only browsers see stops the web app before any T.
  "cert-expiry": {
    title: "A node's certificate has expired (certificate audit)",
    fail: { T4: 0.35 },
  },
  "cert-chain": {
    title: "A node's certificate chain is incomplete or not trusted (certificate audit)",
    fail: { T4: 0.35 },
  },
  "cert-client-auth": {
    title: "An Expressway certificate lacks the clientAuth EKU its release still needs (FN74362)",
    fail: { T4: 0.6 },
    // The traversal zone fails its TLS handshake, so Expressway-C builds no SSH tunnels.
    explains: ["v3-tunnels"],
  },
  "cert-names": {
    title: "A certificate does not name the Join URL or its node's FQDN (C2, certificate audit)",
    fail: { T4: 0.3 },
  },
  "cert-strength": {
    title: "A certificate has a weak key or a SHA-1 signature (certificate audit)",
    fail: {},
    none: "None of T1–T4: browsers and peers refuse weak keys and SHA-1 signatures before the web app loads.",
  },
  // Capacity and licences (docs/capacity.md).
  "cms-licensing": {
    title: "A Meeting Server licence is in grace or expired",
    fail: { T4: 0.3 },
  },
  "cms-database": {
    title: "A Meeting Server database node is down or out of sync (R3)",
    fail: {},
    none: "None of T1–T4 directly: spaces and logins fail cluster-wide for every caller, inside or out (R3).",
  },
  "capacity-media-load": {
    title: "The Call Bridge's media processing load is at or near its limit",
    fail: {},
    none: "None of T1–T4: new calls are refused or degraded for every caller while the Call Bridge is at its load limit.",
  },
  "capacity-turn-relays": {
    title: "An Expressway-E is at or near its TURN relay capacity",
    // An Allocate beyond capacity is refused (486/508), which looks like a TURN failure to the client.
    fail: { T3: 0.4, T1: 0.3 },
  },
  "capacity-call-licences": {
    title: "An Expressway is at or near its licensed call count",
    fail: {},
    none: "None of T1–T4: calls to a Meeting Server use no Expressway call licence (Cisco, Call Types and Licensing); B2B and interworked calls through the same Expressway are refused.",
  },
};

/**
 * Findings that show the same cause a check looks for, so a log line and a failing check become
 * one cause. A finding joins the first listed check that is failing; with one candidate it joins
 * it even when the check passes (the engineer's evidence can see what Edgescope cannot).
 */
export const FINDING_CAUSES: Record<string, readonly string[]> = {
  "cms-log.ice-unauthorized": ["c5-turn-credentials"],
  "pcap.turn-credentials-rejected": ["c5-turn-credentials"],
  "pcap.turn-401-repeated": ["c5-turn-credentials"],
  "webrtc-internals.turn-credentials": ["c5-turn-credentials"],
  "cms-log.web-bridge-dns": ["r9-inside-dns"],
  "cms-log.xmpp-srv": ["xmpp-srv"],
  "pcap.turn-server-silent": ["r4-turn-active", "r6-turn-ports"],
  "webrtc-internals.turn-unreachable": ["r4-turn-active", "r6-turn-ports"],
  "har.bad-request": ["c1-web-proxy"],
  "har.forbidden": ["v2-allowlist-rules"],
  "har.websocket-failed": ["c1-web-proxy", "v2-allowlist-rules", "v3-tunnels"],
  "har.http-failures": ["c1-web-proxy", "v3-tunnels"],
};

/** Verdict thresholds on a symptom's combined confidence. */
export const LIKELY_AT = 0.7;
export const POSSIBLE_AT = 0.35;
/** What an analyzer finding lends, by the analyzer's own confidence. */
export const FINDING_WEIGHT = { high: 0.9, medium: 0.6, low: 0.3 } as const;

/** Checks that decide a symptom: when one is unknown and nothing points at it, the verdict is unknown. */
export function decidingChecks(s: ScenarioId): string[] {
  return Object.entries(CHECK_CAUSES)
    .filter(([, r]) => (r.fail[s] ?? 0) >= 0.5)
    .map(([id]) => id);
}

/** Checks whose failure can cause symptom s (for "what Edgescope checked live"). */
export function checksFor(s: ScenarioId): string[] {
  return Object.entries(CHECK_CAUSES)
    .filter(([, r]) => (r.fail[s] ?? 0) > 0 || (r.warn?.[s] ?? 0) > 0 || (r.perItem?.[s] ?? 0) > 0)
    .map(([id]) => id);
}
