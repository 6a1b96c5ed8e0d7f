import "server-only";

import type { IntegrityCheck } from "./stun-integrity";

export type TurnTransport = "udp" | "tcp";

/**
 * What the probe concluded. "unauthorized" and "integrity-check-failure" are both T1 ("check
 * credentials", C3/C5): coturn answers a wrong password with 401, Cisco Expressway with 431.
 */
export type TurnProbeOutcome =
  | "ok"
  | "unauthorized"
  | "integrity-check-failure"
  | "stale-nonce-loop"
  | "mismatch"
  | "quota"
  | "forbidden"
  | "error"
  | "timeout"
  | "unreachable";

/** One request/response exchange, phrased like Wireshark so it can be shown next to a capture. */
export interface TurnProbeStep {
  request: string;
  response: string;
  errorCode?: number;
  errorReason?: string;
  /** From the first transmission to the answer; null when nothing came back. */
  rttMs: number | null;
  retransmits: number;
  /** MESSAGE-INTEGRITY of the response, checked only when we had a key for it. */
  integrity?: IntegrityCheck;
}

export interface StunProbeOptions {
  /** "host:port", "host" (port 3478) or "[v6]:port". */
  server: string;
  transport: TurnTransport;
  /** Overall budget for the probe, including DNS and all retransmissions. */
  timeoutMs: number;
  /** First UDP retransmission timeout; defaults to the RFC's 500 ms. */
  initialRtoMs?: number;
  /** Fixed client port, e.g. to test a firewall rule pinned to a source port. */
  localPort?: number;
}

export interface TurnProbeOptions extends StunProbeOptions {
  username: string;
  password: string;
}

export interface StunBindingResult {
  outcome: "ok" | "error" | "timeout" | "unreachable";
  errorCode?: number;
  errorReason?: string;
  /** Binding round trip — comparable to the RTT CMS shows per turnServer (V4). */
  rttMs: number | null;
  /** Resolved "ip:port" that was probed. */
  serverAddress?: string;
  mappedAddress?: string;
  software?: string;
  steps: TurnProbeStep[];
}

export interface TurnProbeResult {
  outcome: TurnProbeOutcome;
  errorCode?: number;
  errorReason?: string;
  rttMs: number | null;
  serverAddress?: string;
  relayedAddress?: string;
  mappedAddress?: string;
  /** Seconds granted by the server for the allocation. */
  lifetime?: number;
  realm?: string;
  software?: string;
  /** Whether the test allocation was torn down again (Refresh LIFETIME=0 answered with success). */
  released?: boolean;
  steps: TurnProbeStep[];
}
