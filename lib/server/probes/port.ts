import "server-only";

import { connect } from "node:net";
import { z } from "zod";

import { formatHostPort, hostPortSchema, timeoutSchema, type HostPort } from "./host-port";
import { stunBinding } from "./turn";
import type { StunBindingResult } from "./turn/turn-types";

// Is a port reachable from where Edgescope runs: TCP 443 (R5), UDP 3478 (R6, R7), TCP 3478 (R6,
// R11). UDP has no handshake, so "open" means a STUN Binding was answered — exactly what the
// browser and the Call Bridge need from Expressway-E's TURN port.

export const PORT_TRANSPORTS = ["tcp", "udp"] as const;

export const portProbeInput = z.object({
  target: hostPortSchema({ example: "203.0.113.5:3478" }),
  transport: z.enum(PORT_TRANSPORTS, { error: 'transport must be "tcp" or "udp"' }),
  timeoutMs: timeoutSchema(3000),
});

export type PortProbeInput = z.output<typeof portProbeInput>;

/**
 * open: TCP connected / STUN answered · refused: TCP RST, something is there but not listening ·
 * timeout: silence — filtered, or for UDP also "closed", which UDP cannot tell apart ·
 * unreachable: no route, or the name does not resolve · error: anything else.
 */
export type PortOutcome = "open" | "refused" | "timeout" | "unreachable" | "error";

export interface PortProbeResult {
  open: boolean;
  outcome: PortOutcome;
  target: string;
  transport: (typeof PORT_TRANSPORTS)[number];
  /** TCP handshake (after DNS) or STUN round trip; null unless something answered. */
  rttMs: number | null;
  detail: string;
  errorCode?: string;
  /** SOFTWARE of the STUN answer (UDP), e.g. Expressway's "TANDBERG/4352 …". */
  software?: string;
}

const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL", "EAI_NONAME"]);

export function tcpErrorOutcome(code: string | undefined): PortOutcome {
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ETIMEDOUT") return "timeout";
  if (code && UNREACHABLE.has(code)) return "unreachable";
  return "error";
}

export function probePort(input: PortProbeInput): Promise<PortProbeResult> {
  return input.transport === "tcp" ? probeTcp(input.target, input.timeoutMs) : probeUdp(input.target, input.timeoutMs);
}

function probeTcp(target: HostPort, timeoutMs: number): Promise<PortProbeResult> {
  const text = formatHostPort(target);
  const base = { target: text, transport: "tcp" as const };
  return new Promise((resolve) => {
    let started = performance.now();
    let settled = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (result: PortProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          ...base,
          open: false,
          outcome: "timeout",
          rttMs: null,
          detail: `no TCP answer from ${text} within ${timeoutMs} ms (filtered, or the host is down)`,
        }),
      timeoutMs,
    );
    // The handshake RTT should not include the DNS lookup of a host name.
    socket.once("lookup", () => (started = performance.now()));
    socket.once("connect", () =>
      finish({
        ...base,
        open: true,
        outcome: "open",
        rttMs: performance.now() - started,
        detail: `TCP connection to ${text} accepted`,
      }),
    );
    // on, not once: a second error after finish() must not become an uncaught exception.
    socket.on("error", (err: NodeJS.ErrnoException) => {
      const outcome = tcpErrorOutcome(err.code);
      const why =
        outcome === "refused" ? "refused (reachable, but nothing listens on that port)" : `failed: ${err.message}`;
      finish({
        ...base,
        open: false,
        outcome,
        rttMs: outcome === "refused" ? performance.now() - started : null,
        detail: `TCP connection to ${text} ${why}`,
        ...(err.code ? { errorCode: err.code } : {}),
      });
    });
  });
}

async function probeUdp(target: HostPort, timeoutMs: number): Promise<PortProbeResult> {
  const binding = await stunBinding({ server: formatHostPort(target), transport: "udp", timeoutMs });
  return portResultFromBinding(formatHostPort(target), binding, timeoutMs);
}

/** Pure mapping from the STUN Binding result; a STUN error response still proves the port is open. */
export function portResultFromBinding(target: string, binding: StunBindingResult, timeoutMs: number): PortProbeResult {
  const base = { target, transport: "udp" as const, ...(binding.software ? { software: binding.software } : {}) };
  if (binding.outcome === "ok" || binding.errorCode !== undefined) {
    const answer =
      binding.outcome === "ok"
        ? "answered a STUN Binding request"
        : `answered a STUN Binding request with error ${binding.errorCode}`;
    return { ...base, open: true, outcome: "open", rttMs: binding.rttMs, detail: `${target} ${answer}` };
  }
  const reason = binding.errorReason ? `: ${binding.errorReason}` : "";
  switch (binding.outcome) {
    case "timeout":
      return {
        ...base,
        open: false,
        outcome: "timeout",
        rttMs: null,
        detail: `no STUN answer from ${target} within ${timeoutMs} ms (closed, filtered, or not a STUN/TURN server)`,
      };
    case "unreachable":
      return { ...base, open: false, outcome: "unreachable", rttMs: null, detail: `${target} is unreachable${reason}` };
    default:
      return {
        ...base,
        open: false,
        outcome: "error",
        rttMs: null,
        detail: `STUN Binding to ${target} failed${reason}`,
      };
  }
}
