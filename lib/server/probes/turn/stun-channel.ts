import "server-only";

import { decodeStunMessage, type DecodedStunMessage } from "./stun-codec";

export type TransactResult =
  | { kind: "response"; message: DecodedStunMessage; rttMs: number; retransmits: number }
  | { kind: "timeout"; retransmits: number }
  | { kind: "failed"; reason: string; unreachable: boolean; retransmits: number };

export interface TransactOptions {
  /** performance.now() value after which the transaction gives up. */
  deadline: number;
  /** First UDP retransmission timeout; RFC 5389 §7.2.1 recommends 500 ms. Ignored over TCP. */
  initialRtoMs: number;
}

/** One client 5-tuple. Keeping every step of a probe on one channel matters: a TURN allocation
 * belongs to the 5-tuple, so the release (Refresh LIFETIME=0) must leave from the same port. */
export interface StunChannel {
  readonly transport: "udp" | "tcp";
  transact(request: Buffer, transactionId: Buffer, options: TransactOptions): Promise<TransactResult>;
  localPort(): number | undefined;
  close(): void;
}

export type OpenChannelResult =
  | { ok: true; channel: StunChannel }
  | { ok: false; outcome: "unreachable" | "timeout" | "error"; reason: string };

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ECONNRESET"]);

export function isUnreachableError(err: unknown): boolean {
  return UNREACHABLE_CODES.has((err as NodeJS.ErrnoException | undefined)?.code ?? "");
}

export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}

type Waiter = (message: DecodedStunMessage) => void;

/** Matches responses to outstanding requests by transaction id; everything else is dropped. */
export class PendingTransactions {
  private readonly waiters = new Map<string, Waiter>();

  add(transactionId: Buffer, waiter: Waiter): () => void {
    const key = transactionId.toString("hex");
    this.waiters.set(key, waiter);
    return () => this.waiters.delete(key);
  }

  /** Feeds one received datagram/frame. Indications and requests from the server are ignored. */
  deliver(bytes: Buffer): void {
    const decoded = decodeStunMessage(bytes);
    if (!decoded.ok) return;
    const { message } = decoded;
    if (message.cls !== "success" && message.cls !== "error") return;
    this.waiters.get(message.transactionId.toString("hex"))?.(message);
  }
}
