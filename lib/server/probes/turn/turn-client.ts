import "server-only";

import { ProbeSession, openFailureResult, type Exchange } from "./probe-session";
import { bindingFacts } from "./stun-binding";
import {
  StunMethod,
  TRANSPORT_UDP,
  findAttribute,
  formatTransportAddress,
  longTermKey,
  type DecodedStunMessage,
  type StunAttribute,
} from "./stun-codec";
import { outcomeForAllocateError } from "./turn-outcome";
import type { TurnProbeOptions, TurnProbeOutcome, TurnProbeResult } from "./turn-types";

export { stunBinding } from "./stun-binding";

interface Credentials {
  username: string;
  realm: string;
  nonce: string;
  key: Buffer;
}

/** Cleanup may outlive a spent probe budget by this much, so we do not leak a relay for 10 minutes. */
const RELEASE_GRACE_MS = 1000;

/**
 * Does what the Call Bridge does against Expressway-E (R7, C5): Binding, then Allocate with the
 * turnServer credentials, then releases the allocation. The outcome tells T1 ("check
 * credentials") apart from reachability and capacity problems.
 */
export async function probeTurn(options: TurnProbeOptions): Promise<TurnProbeResult> {
  const opened = await ProbeSession.open(options);
  if (!opened.ok) return openFailureResult(opened);
  const session = opened.session;
  try {
    return await runProbe(session, options);
  } finally {
    session.close();
  }
}

async function runProbe(session: ProbeSession, options: TurnProbeOptions): Promise<TurnProbeResult> {
  const result: TurnProbeResult = {
    outcome: "error",
    rttMs: null,
    serverAddress: session.serverAddress,
    steps: session.steps,
  };

  const binding = await session.send({ label: "Binding request", method: StunMethod.Binding, attributes: [] });
  if (binding.kind !== "response") return noResponse(result, binding);
  // A Binding error is odd but not fatal: the Allocate below is what media actually needs.
  Object.assign(result, bindingFacts(binding.message), { rttMs: binding.rttMs });

  const transport: StunAttribute = { type: "REQUESTED-TRANSPORT", protocol: TRANSPORT_UDP };
  const challenge = await session.send({
    label: "Allocate request (no credentials)",
    method: StunMethod.Allocate,
    attributes: [transport],
  });
  if (challenge.kind !== "response") return noResponse(result, challenge);
  if (challenge.message.cls === "success") {
    // The server relays for anyone: worth seeing in the evidence, but media would flow.
    recordAllocation(result, challenge.message);
    result.released = await release(session, undefined);
    return { ...result, outcome: "ok" };
  }
  const realm = findAttribute(challenge.message, "REALM")?.value;
  const nonce = findAttribute(challenge.message, "NONCE")?.value;
  if (challenge.errorCode !== 401)
    return rejected(result, challenge, outcomeForAllocateError(challenge.errorCode ?? 0, false));
  if (realm === undefined || nonce === undefined) {
    return { ...rejected(result, challenge, "error"), errorReason: "401 challenge without REALM/NONCE" };
  }
  result.realm = realm;

  let creds = credentials(options, realm, nonce);
  for (let attempt = 1; ; attempt++) {
    const reply = await session.send({
      label: `Allocate request (user ${creds.username}, realm ${creds.realm}${attempt > 1 ? ", fresh nonce" : ""})`,
      method: StunMethod.Allocate,
      attributes: [transport, ...authAttributes(creds)],
      key: creds.key,
    });
    if (reply.kind !== "response") return noResponse(result, reply);
    if (reply.message.cls === "success") {
      recordAllocation(result, reply.message);
      result.released = await release(session, creds);
      return { ...result, outcome: "ok" };
    }
    if (reply.errorCode !== 438) return rejected(result, reply, outcomeForAllocateError(reply.errorCode ?? 0, true));
    const fresh = findAttribute(reply.message, "NONCE")?.value;
    // A server that keeps calling a nonce it just issued stale will never let anyone in.
    if (attempt >= 2 || fresh === undefined) return rejected(result, reply, "stale-nonce-loop");
    creds = credentials(options, findAttribute(reply.message, "REALM")?.value ?? creds.realm, fresh);
  }
}

function credentials(options: TurnProbeOptions, realm: string, nonce: string): Credentials {
  return { username: options.username, realm, nonce, key: longTermKey(options.username, realm, options.password) };
}

function authAttributes(creds: Credentials): StunAttribute[] {
  return [
    { type: "USERNAME", value: creds.username },
    { type: "REALM", value: creds.realm },
    { type: "NONCE", value: creds.nonce },
  ];
}

function recordAllocation(result: TurnProbeResult, message: DecodedStunMessage): void {
  const relayed = findAttribute(message, "XOR-RELAYED-ADDRESS");
  const mapped = findAttribute(message, "XOR-MAPPED-ADDRESS");
  const lifetime = findAttribute(message, "LIFETIME");
  if (relayed) result.relayedAddress = formatTransportAddress(relayed.address);
  if (mapped && !result.mappedAddress) result.mappedAddress = formatTransportAddress(mapped.address);
  if (lifetime) result.lifetime = lifetime.seconds;
}

/** Refresh LIFETIME=0 (RFC 8656 §7): otherwise a re-probe from the same 5-tuple gets 437 for 10 minutes. */
async function release(session: ProbeSession, creds: Credentials | undefined): Promise<boolean> {
  const deadline = Math.max(session.deadline, performance.now() + RELEASE_GRACE_MS);
  let current = creds;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const reply = await session.send({
      label: `Refresh request (LIFETIME 0, release${attempt > 1 ? ", fresh nonce" : ""})`,
      method: StunMethod.Refresh,
      attributes: [{ type: "LIFETIME", seconds: 0 }, ...(current ? authAttributes(current) : [])],
      ...(current ? { key: current.key } : {}),
      deadline,
    });
    if (reply.kind !== "response") return false;
    if (reply.message.cls === "success") return true;
    const fresh = findAttribute(reply.message, "NONCE")?.value;
    if (reply.errorCode !== 438 || !current || fresh === undefined) return false;
    current = { ...current, nonce: fresh };
  }
  return false;
}

function noResponse(
  result: TurnProbeResult,
  exchange: Extract<Exchange, { kind: "timeout" | "failed" }>,
): TurnProbeResult {
  const outcome: TurnProbeOutcome = exchange.unreachable
    ? "unreachable"
    : exchange.kind === "timeout"
      ? "timeout"
      : "error";
  return { ...result, outcome, errorReason: exchange.reason };
}

function rejected(
  result: TurnProbeResult,
  exchange: Extract<Exchange, { kind: "response" }>,
  outcome: TurnProbeOutcome,
): TurnProbeResult {
  return {
    ...result,
    outcome,
    ...(exchange.errorCode !== undefined ? { errorCode: exchange.errorCode } : {}),
    ...(exchange.errorReason !== undefined ? { errorReason: exchange.errorReason } : {}),
  };
}
