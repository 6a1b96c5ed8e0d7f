import "server-only";

import { ProbeSession, openFailureResult } from "./probe-session";
import { formatTransportAddress, findAttribute, StunMethod, type DecodedStunMessage } from "./stun-codec";
import type { StunBindingResult, StunProbeOptions } from "./turn-types";

/** Mapped address and SOFTWARE of a Binding response; XOR-MAPPED is preferred, MAPPED is RFC 3489 fallback. */
export function bindingFacts(message: DecodedStunMessage): { mappedAddress?: string; software?: string } {
  const mapped = findAttribute(message, "XOR-MAPPED-ADDRESS") ?? findAttribute(message, "MAPPED-ADDRESS");
  const software = findAttribute(message, "SOFTWARE");
  return {
    ...(mapped ? { mappedAddress: formatTransportAddress(mapped.address) } : {}),
    ...(software ? { software: software.value } : {}),
  };
}

/**
 * A bare Binding request: the "is UDP/TCP 3478 open and answering" check — what CMS 2.9.2 itself
 * sends to Expressway-E (R7) — without needing TURN credentials.
 */
export async function stunBinding(options: StunProbeOptions): Promise<StunBindingResult> {
  const opened = await ProbeSession.open(options);
  if (!opened.ok) return openFailureResult(opened);
  const session = opened.session;
  try {
    const reply = await session.send({ label: "Binding request", method: StunMethod.Binding, attributes: [] });
    const base = { serverAddress: session.serverAddress, steps: session.steps };
    if (reply.kind !== "response") {
      return {
        ...base,
        outcome: reply.unreachable ? "unreachable" : reply.kind === "timeout" ? "timeout" : "error",
        errorReason: reply.reason,
        rttMs: null,
      };
    }
    const facts = bindingFacts(reply.message);
    if (reply.message.cls === "error") {
      return {
        ...base,
        ...facts,
        outcome: "error",
        rttMs: reply.rttMs,
        ...(reply.errorCode !== undefined ? { errorCode: reply.errorCode } : {}),
        ...(reply.errorReason !== undefined ? { errorReason: reply.errorReason } : {}),
      };
    }
    return { ...base, ...facts, outcome: "ok", rttMs: reply.rttMs };
  } finally {
    session.close();
  }
}
