import "server-only";

// Everything the lab can break. Transport faults change how a node answers; configuration
// faults change what it says. Each is switched per node (or on every node) at run time.

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
  "turn-inactive": { kind: "config", description: "Expressway-E TURN server is Inactive (R4/C3)" },
} as const satisfies Record<string, { kind: "transport" | "config"; description: string }>;

export type FaultName = keyof typeof FAULTS;

export interface ActiveFault {
  name: FaultName;
  /** Lab node key (e.g. "vcs-e1"), or null for every node */
  node: string | null;
}

export const isFaultName = (s: string): s is FaultName => Object.hasOwn(FAULTS, s);

/** How long slow faults stall; longer than any sane client timeout. */
export const SLOW_FAULT_MS = 30_000;
/** Size of the huge-body fault: ten times the collector's size cap. */
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;
