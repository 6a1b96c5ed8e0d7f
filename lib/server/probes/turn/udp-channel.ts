import "server-only";

import { createSocket, type Socket } from "node:dgram";

import type { ServerTarget } from "./server-address";
import {
  PendingTransactions,
  describeError,
  isUnreachableError,
  type OpenChannelResult,
  type StunChannel,
  type TransactOptions,
  type TransactResult,
} from "./stun-channel";

/** RFC 5389 §7.2.1: Rc = 7 transmissions, then wait Rm = 16 × RTO for the last one. */
const MAX_TRANSMISSIONS = 7;
const FINAL_WAIT_FACTOR = 16;

export async function openUdpChannel(target: ServerTarget, localPort?: number): Promise<OpenChannelResult> {
  const socket = createSocket(target.family === 6 ? "udp6" : "udp4");
  const pending = new PendingTransactions();
  let socketError: unknown;
  const failures = new Set<(err: unknown) => void>();
  socket.on("error", (err) => {
    socketError = err;
    for (const fail of failures) fail(err);
  });
  // Deliberately not connect()ed: on a connected socket Linux reports ICMP port-unreachable as
  // ECONNREFUSED, but through firewalls and NAT the usual symptom is silence, and the dashboard
  // should judge UDP 3478 (R6/R7) the way a browser or the Call Bridge experiences it — by timeout.
  socket.on("message", (msg, rinfo) => {
    if (rinfo.address === target.ip && rinfo.port === target.port) pending.deliver(msg);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(localPort ?? 0, () => {
        socket.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    socket.close();
    return { ok: false, outcome: "error", reason: `cannot bind UDP socket: ${describeError(err)}` };
  }
  const channel: StunChannel = {
    transport: "udp",
    localPort: () => {
      try {
        return socket.address().port;
      } catch {
        return undefined;
      }
    },
    close: () => closeQuietly(socket),
    transact: (request, transactionId, options) =>
      socketError
        ? Promise.resolve({ kind: "failed", reason: describeError(socketError), unreachable: false, retransmits: 0 })
        : transactUdp(socket, target, pending, failures, request, transactionId, options),
  };
  return { ok: true, channel };
}

function transactUdp(
  socket: Socket,
  target: ServerTarget,
  pending: PendingTransactions,
  failures: Set<(err: unknown) => void>,
  request: Buffer,
  transactionId: Buffer,
  { deadline, initialRtoMs }: TransactOptions,
): Promise<TransactResult> {
  return new Promise((resolve) => {
    // RTT is measured from the first transmission: with retransmits we cannot tell which copy was
    // answered (Karn), and "time until answered" never under-reports a lossy path.
    const started = performance.now();
    let transmissions = 0;
    let rto = initialRtoMs;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (result: TransactResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      removeWaiter();
      failures.delete(onSocketError);
      resolve(result);
    };
    const retransmits = () => Math.max(0, transmissions - 1);
    const onSocketError = (err: unknown) =>
      finish({
        kind: "failed",
        reason: describeError(err),
        unreachable: isUnreachableError(err),
        retransmits: retransmits(),
      });
    failures.add(onSocketError);
    const removeWaiter = pending.add(transactionId, (message) =>
      finish({ kind: "response", message, rttMs: performance.now() - started, retransmits: retransmits() }),
    );
    // Copies go out on the RFC schedule counted from the first one (0, RTO, 3 RTO, 7 RTO…), and a
    // copy due at or after the deadline is never planned: how many are sent depends on the
    // schedule and the budget, not on how late a busy event loop runs the timers.
    let nextAt = started;
    const timeout = () => finish({ kind: "timeout", retransmits: retransmits() });
    const transmit = () => {
      // libuv timers run on a millisecond clock and may fire a fraction early: never send a copy
      // before its time, or the RTT of an answered retransmission would read under the RTO.
      const early = nextAt - performance.now();
      if (early > 0) return void (timer = setTimeout(transmit, Math.ceil(early)));
      transmissions++;
      socket.send(request, target.port, target.ip, (err) => {
        if (err) onSocketError(err);
      });
      nextAt += transmissions === MAX_TRANSMISSIONS ? initialRtoMs * FINAL_WAIT_FACTOR : rto;
      rto *= 2;
      const last = transmissions >= MAX_TRANSMISSIONS || nextAt >= deadline;
      timer = setTimeout(last ? timeout : transmit, Math.max(0, (last ? deadline : nextAt) - performance.now()));
    };
    // Timers may fire a fraction of a millisecond early; a budget under 1 ms is spent.
    if (deadline - started < 1) timeout();
    else transmit();
  });
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // Already closed (e.g. after a socket error) — nothing to release.
  }
}
