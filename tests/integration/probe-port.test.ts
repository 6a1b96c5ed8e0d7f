import { createServer, type AddressInfo, type Server } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portProbeInput, probePort, type PortProbeResult } from "@/lib/server/probes/port";

import { freeUdpAndTcpPort, startCoturn, type Coturn } from "../support/coturn";
import { startStalledListener } from "../support/stalled-listener";

// The port probe on loopback only: TCP 443-style reachability (R5) and UDP 3478 via a STUN
// Binding to a real coturn (R6, R7).

const probe = (body: Record<string, unknown>): Promise<PortProbeResult> => probePort(portProbeInput.parse(body));

describe("TCP port probe", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.destroy());
    port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
    );
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it("a listening port → open, with the handshake time", async () => {
    const result = await probe({ target: `127.0.0.1:${port}`, transport: "tcp" });
    expect(result).toMatchObject({ open: true, outcome: "open", target: `127.0.0.1:${port}`, transport: "tcp" });
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
    expect(result.detail).toBe(`TCP connection to 127.0.0.1:${port} accepted`);
  });

  it("a host name is resolved first and the port still reads open", async () => {
    const result = await probe({ target: `localhost:${port}`, transport: "tcp" });
    expect(result).toMatchObject({ open: true, outcome: "open", target: `localhost:${port}` });
  });

  it("a closed port → refused (RST), told apart from a timeout", async () => {
    const closed = await freeUdpAndTcpPort();
    const result = await probe({ target: `127.0.0.1:${closed}`, transport: "tcp" });
    expect(result).toMatchObject({ open: false, outcome: "refused", errorCode: "ECONNREFUSED" });
    expect(result.detail).toMatch(/refused \(reachable, but nothing listens on that port\)/);
  });

  it("a port whose SYNs are dropped → timeout within the budget", async () => {
    // Deterministic on loopback: a frozen listener with a full accept queue drops new SYNs,
    // which is what a filtering firewall looks like (see tests/support/stalled-listener.ts).
    const stalled = await startStalledListener();
    try {
      const started = performance.now();
      const result = await probe({ target: stalled.target, transport: "tcp", timeoutMs: 500 });
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ open: false, outcome: "timeout", rttMs: null });
      expect(elapsed).toBeGreaterThanOrEqual(450);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await stalled.stop();
    }
  });
});

describe("UDP port probe (STUN Binding)", () => {
  let coturn: Coturn;
  beforeAll(async () => {
    coturn = await startCoturn();
  });
  afterAll(async () => {
    await coturn?.stop();
  });

  it("R6/R7: a TURN server's UDP port → open, with RTT and SOFTWARE", async () => {
    const result = await probe({ target: coturn.server, transport: "udp" });
    expect(result).toMatchObject({
      open: true,
      outcome: "open",
      transport: "udp",
      software: expect.stringMatching(/^Coturn-/),
    });
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
    expect(result.detail).toBe(`${coturn.server} answered a STUN Binding request`);
  });

  it("a closed UDP port → not open (no STUN answer), within the budget", async () => {
    const closed = await freeUdpAndTcpPort();
    const started = performance.now();
    const result = await probe({ target: `127.0.0.1:${closed}`, transport: "udp", timeoutMs: 700 });
    expect(result).toMatchObject({ open: false, outcome: "timeout", rttMs: null });
    expect(result.detail).toMatch(/no STUN answer .* within 700 ms/);
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
