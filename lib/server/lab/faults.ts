import "server-only";
import type { NodeRole } from "@/lib/domain/types";

// Everything the lab can break. Transport faults change how a node's HTTPS API answers;
// configuration faults change what it says; TURN faults change how an Expressway-E's TURN server
// answers and DNS faults what the lab's inside or outside resolver answers (both: what the probes
// see, not what is polled). Each is switched per node (or on every node) at run time; DNS faults
// are about the lab's resolvers, never a node.
// A configuration fault names the kind of node it is about (`about`); its `node` argument then
// picks one such node. It may be rendered by another node: "turnserver-missing vcs-e2" is about
// Expressway-E vcs-e2 but changes what the CMS answers.

const E: readonly NodeRole[] = ["EXPRESSWAY_E"];
const C: readonly NodeRole[] = ["EXPRESSWAY_C"];
const CMS: readonly NodeRole[] = ["CMS"];

export const FAULTS = {
  refused: { kind: "transport", description: "the node stops listening: connections are refused" },
  "reset-mid-body": { kind: "transport", description: "the connection is reset halfway through the response body" },
  "slow-headers": { kind: "transport", description: "the node waits 30 s before sending response headers" },
  "slow-body": { kind: "transport", description: "the node sends part of the body, then stalls for 30 s" },
  "http-401": { kind: "transport", description: "the node answers 401 Unauthorized" },
  "http-403": { kind: "transport", description: "the node answers 403 Forbidden" },
  "http-500": { kind: "transport", description: "the node answers 500 Internal Server Error" },
  "malformed-xml": { kind: "transport", description: "the node answers broken XML" },
  "huge-body": { kind: "transport", description: "the node answers a 50 MB body" },
  "untrusted-tls": { kind: "transport", description: "the node presents a certificate from a CA nobody trusts" },
  "hostname-mismatch": { kind: "transport", description: "the node's certificate names another host" },
  "redirect-off-host": { kind: "transport", description: "the node redirects every request to another host" },
  "turn-inactive": {
    kind: "config",
    about: E,
    description:
      "Expressway-E TURN server is Inactive: its TURN port stops answering; CMS reports its host reachable=false and raises turnServerUnavailable for it (R4/C3, V4)",
  },
  "turn-down": {
    kind: "turn",
    about: E,
    description: "Expressway-E's TURN port does not answer: UDP requests are dropped, TCP is refused (R6, T3)",
  },
  "turn-wrong-credentials": {
    kind: "turn",
    about: E,
    description: "Expressway-E's TURN password (C3) differs from CMS's turnServer (C5): every Allocate gets 401 (T1)",
  },
  "turn-quota": {
    kind: "turn",
    about: E,
    description: "Expressway-E answers every Allocate with 486 Allocation Quota Reached",
  },
  "dns-outside-missing": {
    kind: "dns",
    description:
      "the outside resolver answers NXDOMAIN for the Join URL: browsers on the internet cannot find Expressway-E (R8)",
  },
  "dns-inside-missing": {
    kind: "dns",
    description:
      'the inside resolver answers NXDOMAIN for the Join URL: the Call Bridge\'s "name resolution failed" (R9, T2)',
  },
  "dns-inside-to-expressway": {
    kind: "dns",
    description:
      "the inside resolver answers the Join URL with Expressway-E's public addresses, not the Web Bridge (no split DNS: R9, T2)",
  },
  "dns-xmpp-srv-missing": {
    kind: "dns",
    description: "the inside resolver has no _xmpp-client._tcp SRV record for the Call Bridge domain (T3, T4)",
  },
  "tunnel-inactive": {
    kind: "config",
    about: E,
    description: "Expressway-C's SSH tunnels to this Expressway-E are Inactive (V3)",
  },
  "wss-rule-missing": {
    kind: "config",
    about: C,
    description: "Expressway-C has no automatic wss/443 allow-list rule for the Web Bridge (V2)",
  },
  "web-proxy-disabled": {
    kind: "config",
    about: C,
    description: "Expressway-C Meeting Server Web Proxy is Off: no Web Bridge rules, tunnels or addresses (C1)",
  },
  "cms-settings-unavailable": {
    kind: "config",
    about: C,
    description:
      "Expressway-C refuses the Meeting Server settings location with <Fault><XPathError> (that path is our guess; a real box may not have it): C1 is inferred from V2/V3",
  },
  "wrong-guest-uri": {
    kind: "config",
    about: C,
    description: "Expressway-C Guest account client URI is not the Join URL and does not resolve (C1, V1)",
  },
  "turnserver-public-server-address": {
    kind: "config",
    about: E,
    description: "CMS turnServer for this Expressway-E has serverAddress = its public address (C5, R7)",
  },
  "turnserver-type-standard": {
    kind: "config",
    about: E,
    description: "CMS turnServer for this Expressway-E has type standard, not expressway (C5)",
  },
  "turnserver-missing": { kind: "config", about: E, description: "CMS has no turnServer for this Expressway-E (C5)" },
  "cms-alarms": {
    kind: "config",
    about: CMS,
    description:
      "CMS raises c2wConnectionFailure and callBridgeConnectionFailure (system/alarms) and its Web Bridge status is connectionFailure (R3, T2)",
  },
  "c2w-failure": {
    kind: "config",
    about: CMS,
    description:
      "CMS raises c2wConnectionFailure alone (system/alarms; its Web Bridge status unchanged): the Call Bridge cannot reach the Web Bridge over C2W (R3, R9, T2)",
  },
  "expressway-alarms": {
    kind: "config",
    about: [...C, ...E],
    description: "the Expressway raises an alarm (/Status/Warnings)",
  },
  "join-url-san-missing": {
    kind: "config",
    about: E,
    description: "Expressway-E's certificate lacks the Join URL as a Subject Alternative Name (C2)",
  },
  "cms-licence-grace": {
    kind: "config",
    about: CMS,
    description: "CMS system/licensing reports the callBridge licence in its grace period (R3)",
  },
  "cms-db-node-down": {
    kind: "config",
    about: CMS,
    description: "CMS system/database lists its replica database node as down, sync unknown (R3)",
  },
  "cms-load-high": {
    kind: "config",
    about: CMS,
    description: "CMS system/load reports 900 of its loadLimit 1000: past the level where calls are rejected (R3)",
  },
  "cert-expiring": {
    kind: "config",
    about: [...C, ...E, ...CMS],
    description: "the node's certificate expires in 5 days (certificate audit)",
  },
  "relays-near-capacity": {
    kind: "config",
    about: E,
    description: "Expressway-E reports 1750 TURN relays in use, near the 1800 of a Small/Medium platform (V5)",
  },
  "call-licences-full": {
    kind: "config",
    about: [...C, ...E],
    description: "the Expressway reports 50 of its 50 licensed traversal calls in use: the next one is refused",
  },
  "cert-weak": {
    kind: "transport",
    description:
      "the node presents an RSA 1024-bit certificate signed with SHA-1: the poller refuses it (tls), the certificate audit reports it",
  },
  "cert-no-client-auth": {
    kind: "config",
    about: [...C, ...E],
    description:
      "the Expressway's certificate has serverAuth only, no clientAuth: traversal and MRA tunnels break on X14–X15.3 (FN74362)",
  },
  "version-mismatch": {
    kind: "config",
    about: CMS,
    description: "CMS runs 2.9.1 while the Expressways run X15 (R1 needs CMS 2.9.2+)",
  },
} as const satisfies Record<
  string,
  { kind: "transport" | "config" | "turn" | "dns"; about?: readonly NodeRole[]; description: string }
>;

export type FaultName = keyof typeof FAULTS;

export interface ActiveFault {
  name: FaultName;
  /** Lab node key (e.g. "vcs-e1"), or null for every node */
  node: string | null;
}

export const isFaultName = (s: string): s is FaultName => Object.hasOwn(FAULTS, s);

/** Node roles a fault may be switched on for (every role for transport faults). */
export function faultRoles(name: FaultName): readonly NodeRole[] | null {
  const f = FAULTS[name];
  return "about" in f ? f.about : null;
}

/** How long slow faults stall; longer than any sane client timeout. */
export const SLOW_FAULT_MS = 30_000;
/** Size of the huge-body fault: ten times the collector's size cap. */
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;
