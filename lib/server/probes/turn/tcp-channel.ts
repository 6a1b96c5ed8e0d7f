import "server-only";

import { connect, type Socket } from "node:net";

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
import { StunStreamFramer } from "./tcp-framing";

/** Opens the TCP connection within the deadline. Refused → "unreachable"; silence → "timeout". */
export function openTcpChannel(target: ServerTarget, deadline: number, localPort?: number): Promise<OpenChannelResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.ip, port: target.port, ...(localPort ? { localPort } : {}) });
    const timer = setTimeout(
      () => {
        socket.destroy();
        resolve({ ok: false, outcome: "timeout", reason: `TCP connect to ${target.ip}:${target.port} timed out` });
      },
      Math.max(0, deadline - performance.now()),
    );
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: false, outcome: isUnreachableError(err) ? "unreachable" : "error", reason: describeError(err) });
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve({ ok: true, channel: tcpChannel(socket) });
    });
  });
}

function tcpChannel(socket: Socket): StunChannel {
  const pending = new PendingTransactions();
  const framer = new StunStreamFramer();
  let closedReason: string | undefined;
  const failures = new Set<(reason: string) => void>();
  const fail = (reason: string) => {
    closedReason ??= reason;
    for (const f of failures) f(closedReason);
  };
  socket.setNoDelay(true);
  socket.on("data", (chunk: Buffer) => {
    const { frames, error } = framer.push(chunk);
    for (const frame of frames) if (frame.kind === "stun") pending.deliver(frame.data);
    if (error) {
      fail(`lost STUN framing: ${error}`);
      socket.destroy();
    }
  });
  socket.on("error", (err) => fail(describeError(err)));
  socket.on("close", () => fail("connection closed by server"));

  return {
    transport: "tcp",
    localPort: () => socket.localPort,
    close: () => socket.destroy(),
    transact: (request: Buffer, transactionId: Buffer, { deadline }: TransactOptions) =>
      new Promise<TransactResult>((resolve) => {
        if (closedReason) return resolve({ kind: "failed", reason: closedReason, unreachable: false, retransmits: 0 });
        const started = performance.now();
        let done = false;
        const finish = (result: TransactResult) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          removeWaiter();
          failures.delete(onFail);
          resolve(result);
        };
        // TCP is reliable, so no retransmission (RFC 5389 §7.2.2) — just wait out the deadline.
        const timer = setTimeout(() => finish({ kind: "timeout", retransmits: 0 }), Math.max(0, deadline - started));
        const onFail = (reason: string) => finish({ kind: "failed", reason, unreachable: false, retransmits: 0 });
        failures.add(onFail);
        const removeWaiter = pending.add(transactionId, (message) =>
          finish({ kind: "response", message, rttMs: performance.now() - started, retransmits: 0 }),
        );
        socket.write(request);
      }),
  };
}
