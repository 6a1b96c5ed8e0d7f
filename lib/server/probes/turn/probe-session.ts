import "server-only";

import { resolveServer, type ServerTarget } from "./server-address";
import type { StunChannel, TransactResult } from "./stun-channel";
import {
  encodeStunMessage,
  findAttribute,
  messageLabel,
  newTransactionId,
  verifyMessageIntegrity,
  type DecodedStunMessage,
  type StunAttribute,
  type StunClass,
} from "./stun-codec";
import { openTcpChannel } from "./tcp-channel";
import type { StunProbeOptions, TurnProbeStep } from "./turn-types";
import { openUdpChannel } from "./udp-channel";

const DEFAULT_RTO_MS = 500;
const SOFTWARE = "Edgescope TURN probe";

export type Exchange =
  | { kind: "response"; message: DecodedStunMessage; errorCode?: number; errorReason?: string; rttMs: number }
  | { kind: "timeout" | "failed"; reason: string; unreachable: boolean };

export interface SendOptions {
  label: string;
  method: number;
  attributes: StunAttribute[];
  /** Long-term key: signs the request and checks the response's MESSAGE-INTEGRITY. */
  key?: Buffer;
  /** Lets cleanup run after the probe budget is spent. */
  deadline?: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Why no session could be opened, with the evidence to show for it. */
export interface OpenFailure {
  ok: false;
  outcome: "unreachable" | "timeout" | "error";
  reason: string;
  serverAddress?: string;
  steps: TurnProbeStep[];
}

function formatTarget(target: ServerTarget): string {
  return target.family === 6 ? `[${target.ip}]:${target.port}` : `${target.ip}:${target.port}`;
}

function failureStep(request: string, reason: string): TurnProbeStep {
  return { request, response: `failed — ${reason}`, rttMs: null, retransmits: 0 };
}

/** The result fields shared by stunBinding and probeTurn when the session never opened. */
export function openFailureResult(failure: OpenFailure) {
  return {
    outcome: failure.outcome,
    errorReason: failure.reason,
    rttMs: null,
    ...(failure.serverAddress ? { serverAddress: failure.serverAddress } : {}),
    steps: failure.steps,
  };
}

/** One probe run: a channel, a deadline, and the evidence trail of every exchange. */
export class ProbeSession {
  readonly steps: TurnProbeStep[] = [];

  private constructor(
    readonly channel: StunChannel,
    readonly target: ServerTarget,
    readonly deadline: number,
    private readonly initialRtoMs: number,
  ) {}

  static async open(options: StunProbeOptions): Promise<{ ok: true; session: ProbeSession } | OpenFailure> {
    const deadline = performance.now() + options.timeoutMs;
    const resolved = await resolveServer(options.server, deadline);
    if (!resolved.ok) return { ...resolved, steps: [failureStep(`DNS lookup of ${options.server}`, resolved.reason)] };
    const { target } = resolved;
    const opened =
      options.transport === "tcp"
        ? await openTcpChannel(target, deadline, options.localPort)
        : await openUdpChannel(target, options.localPort);
    const serverAddress = formatTarget(target);
    if (!opened.ok) {
      const label = options.transport === "tcp" ? `TCP connect to ${serverAddress}` : "UDP socket";
      return { ...opened, serverAddress, steps: [failureStep(label, opened.reason)] };
    }
    return {
      ok: true,
      session: new ProbeSession(opened.channel, target, deadline, options.initialRtoMs ?? DEFAULT_RTO_MS),
    };
  }

  get serverAddress(): string {
    return formatTarget(this.target);
  }

  async send({ label, method, attributes, key, deadline }: SendOptions): Promise<Exchange> {
    const transactionId = newTransactionId();
    const cls: StunClass = "request";
    const request = encodeStunMessage(
      { method, cls, transactionId, attributes: [...attributes, { type: "SOFTWARE", value: SOFTWARE }] },
      { fingerprint: true, ...(key ? { integrityKey: key } : {}) },
    );
    const result = await this.channel.transact(request, transactionId, {
      deadline: deadline ?? this.deadline,
      initialRtoMs: this.initialRtoMs,
    });
    const exchange = toExchange(result);
    this.steps.push(toStep(label, result, exchange, key));
    return exchange;
  }

  close(): void {
    this.channel.close();
  }
}

function toExchange(result: TransactResult): Exchange {
  if (result.kind === "timeout") {
    return { kind: "timeout", reason: `no response (${result.retransmits} retransmissions)`, unreachable: false };
  }
  if (result.kind === "failed") return { kind: "failed", reason: result.reason, unreachable: result.unreachable };
  const error = findAttribute(result.message, "ERROR-CODE");
  return {
    kind: "response",
    message: result.message,
    rttMs: round(result.rttMs),
    ...(error ? { errorCode: error.code, errorReason: error.reason } : {}),
  };
}

function toStep(label: string, result: TransactResult, exchange: Exchange, key: Buffer | undefined): TurnProbeStep {
  if (exchange.kind !== "response") {
    const response = exchange.kind === "timeout" ? `timeout — ${exchange.reason}` : `no response — ${exchange.reason}`;
    return { request: label, response, rttMs: null, retransmits: result.retransmits };
  }
  const { message } = exchange;
  const head = messageLabel(message.method, message.cls);
  const step: TurnProbeStep = {
    request: label,
    response:
      exchange.errorCode === undefined ? head : `${head} ${exchange.errorCode} ${exchange.errorReason ?? ""}`.trim(),
    rttMs: exchange.rttMs,
    retransmits: result.retransmits,
  };
  if (exchange.errorCode !== undefined) step.errorCode = exchange.errorCode;
  if (exchange.errorReason !== undefined) step.errorReason = exchange.errorReason;
  if (key) step.integrity = verifyMessageIntegrity(message.raw, key);
  return step;
}
