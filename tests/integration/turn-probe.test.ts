import { createSocket, type RemoteInfo } from "node:dgram";
import { createServer as createTcpServer, type AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  StunMethod,
  decodeStunMessage,
  encodeStunMessage,
  findAttribute,
  longTermKey,
  newTransactionId,
  verifyFingerprint,
  verifyMessageIntegrity,
  type DecodedStunMessage,
  type IntegrityCheck,
  type StunAttribute,
} from "@/lib/server/probes/turn/stun-codec";
import { StunStreamFramer } from "@/lib/server/probes/turn/tcp-framing";
import { probeTurn, stunBinding, type TurnTransport } from "@/lib/server/probes/turn";

import { freeUdpAndTcpPort, sleep, startCoturn, type Coturn } from "../support/coturn";

const TRANSPORTS: TurnTransport[] = ["udp", "tcp"];

/** Allocates from a fixed local port and walks away without releasing — what a crashed client leaves behind. */
async function leakAllocation(coturn: Coturn, localPort: number): Promise<void> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(localPort, "127.0.0.1", () => resolve()));
  const ask = (attributes: StunAttribute[], key?: Buffer) =>
    new Promise<DecodedStunMessage>((resolve, reject) => {
      const transactionId = newTransactionId();
      const timer = setTimeout(() => reject(new Error("coturn did not answer")), 2000);
      socket.on("message", (msg) => {
        const decoded = decodeStunMessage(msg);
        if (decoded.ok && decoded.message.transactionId.equals(transactionId)) {
          clearTimeout(timer);
          resolve(decoded.message);
        }
      });
      const request = encodeStunMessage(
        { method: StunMethod.Allocate, cls: "request", transactionId, attributes },
        key ? { integrityKey: key, fingerprint: true } : { fingerprint: true },
      );
      socket.send(request, coturn.port, coturn.host);
    });
  try {
    const transport: StunAttribute = { type: "REQUESTED-TRANSPORT", protocol: 17 };
    const challenge = await ask([transport]);
    const nonce = findAttribute(challenge, "NONCE")?.value ?? "";
    const key = longTermKey(coturn.username, coturn.realm, coturn.password);
    const auth: StunAttribute[] = [
      { type: "USERNAME", value: coturn.username },
      { type: "REALM", value: coturn.realm },
      { type: "NONCE", value: nonce },
    ];
    const allocated = await ask([transport, ...auth], key);
    expect(allocated.cls).toBe("success");
  } finally {
    socket.close();
  }
}

describe("probeTurn against a real coturn", () => {
  let coturn: Coturn;
  beforeAll(async () => {
    coturn = await startCoturn();
  });
  afterAll(async () => {
    await coturn?.stop();
  });

  const right = () => ({
    server: coturn.server,
    username: coturn.username,
    password: coturn.password,
    timeoutMs: 5000,
  });

  it.each(TRANSPORTS)("right password over %s → ok, relayed on loopback, allocation released", async (transport) => {
    const result = await probeTurn({ ...right(), transport });
    expect(result.outcome, JSON.stringify(result.steps)).toBe("ok");
    expect(result.relayedAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(result.mappedAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(result.lifetime).toBeGreaterThan(0);
    expect(result.realm).toBe("TANDBERG");
    expect(result.software).toMatch(/^Coturn-/);
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
    expect(result.released).toBe(true);
    expect(result.steps.map((s) => s.response)).toEqual([
      "Binding success response",
      "Allocate error response 401 Unauthorized",
      "Allocate success response",
      "Refresh success response",
    ]);
    // coturn signs its success responses; checking them proves our long-term key derivation.
    expect(result.steps[2]?.integrity).toBe("valid");
    expect(result.steps[3]?.integrity).toBe("valid");
  });

  it.each(TRANSPORTS)("wrong password over %s → unauthorized (coturn answers 401, never 431)", async (transport) => {
    const result = await probeTurn({ ...right(), password: "not-the-password", transport });
    expect(result.outcome, JSON.stringify(result.steps)).toBe("unauthorized");
    expect(result.errorCode).toBe(401);
    expect(result.errorReason).toBe("Unauthorized");
    expect(result.relayedAddress).toBeUndefined();
    expect(result.steps.at(-1)?.request).toBe("Allocate request (user cmsturn, realm TANDBERG)");
  });

  it("a second probe right after the first still works", async () => {
    const first = await probeTurn({ ...right(), transport: "udp" });
    const second = await probeTurn({ ...right(), transport: "udp" });
    expect([first.outcome, second.outcome]).toEqual(["ok", "ok"]);
  });

  it("releasing frees the 5-tuple, while a leaked allocation blocks it with 437", async () => {
    const releasedPort = await freeUdpAndTcpPort();
    const leakedPort = await freeUdpAndTcpPort();
    const first = await probeTurn({ ...right(), transport: "udp", localPort: releasedPort });
    expect(first.released).toBe(true);
    await leakAllocation(coturn, leakedPort);
    // Measured: coturn keeps answering 437 for a few hundred ms after Refresh LIFETIME=0 (it frees
    // allocations on a 1 s timer). A leaked allocation, by contrast, blocks its 5-tuple for 600 s.
    await sleep(1500);
    const again = await probeTurn({ ...right(), transport: "udp", localPort: releasedPort });
    expect(again.outcome, JSON.stringify(again.steps)).toBe("ok");
    const blocked = await probeTurn({ ...right(), transport: "udp", localPort: leakedPort });
    expect(blocked.outcome).toBe("mismatch");
    expect(blocked.errorCode).toBe(437);
  });

  it.each(TRANSPORTS)("stunBinding over %s answers with mapped address and SOFTWARE", async (transport) => {
    const result = await stunBinding({ server: coturn.server, transport, timeoutMs: 3000 });
    expect(result).toMatchObject({
      outcome: "ok",
      serverAddress: coturn.server,
      software: expect.stringMatching(/^Coturn-/),
    });
    expect(result.mappedAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe("probeTurn against coturn with --user-quota=1", () => {
  let coturn: Coturn;
  beforeAll(async () => {
    coturn = await startCoturn({ extraArgs: ["--user-quota=1"] });
  });
  afterAll(async () => {
    await coturn?.stop();
  });

  it("reports quota (486) when the user already holds an allocation", async () => {
    await leakAllocation(coturn, await freeUdpAndTcpPort());
    const result = await probeTurn({
      server: coturn.server,
      transport: "udp",
      username: coturn.username,
      password: coturn.password,
      timeoutMs: 5000,
    });
    expect(result.outcome, JSON.stringify(result.steps)).toBe("quota");
    expect(result.errorCode).toBe(486);
  });
});

describe("unreachable TURN server", () => {
  it("UDP to a closed port → timeout, after RFC retransmissions, within the budget", async () => {
    const port = await freeUdpAndTcpPort();
    const started = performance.now();
    const result = await probeTurn({
      server: `127.0.0.1:${port}`,
      transport: "udp",
      username: "u",
      password: "p",
      timeoutMs: 1600,
    });
    const elapsed = performance.now() - started;
    expect(result.outcome).toBe("timeout");
    expect(result.rttMs).toBeNull();
    // RTO 500 ms doubling: sends at 0, 500 and 1500 ms.
    expect(result.steps).toEqual([
      expect.objectContaining({ request: "Binding request", retransmits: 2, rttMs: null }),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(1550);
    expect(elapsed).toBeLessThan(3500);
  });

  it("TCP to a closed port → unreachable", async () => {
    const port = await freeUdpAndTcpPort();
    const result = await probeTurn({
      server: `127.0.0.1:${port}`,
      transport: "tcp",
      username: "u",
      password: "p",
      timeoutMs: 3000,
    });
    expect(result.outcome).toBe("unreachable");
    expect(result.errorReason).toMatch(/ECONNREFUSED/);
    expect(result.steps[0]?.request).toBe(`TCP connect to 127.0.0.1:${port}`);
  });

  it("stunBinding over TCP to a closed port → unreachable; unknown host → unreachable", async () => {
    const port = await freeUdpAndTcpPort();
    expect((await stunBinding({ server: `127.0.0.1:${port}`, transport: "tcp", timeoutMs: 2000 })).outcome).toBe(
      "unreachable",
    );
    expect(
      (await stunBinding({ server: "no-such-host.invalid:3478", transport: "udp", timeoutMs: 3000 })).outcome,
    ).toBe("unreachable");
  });
});

// ---- A scripted fake TURN server: coturn never sends 431 (Expressway does, T1) and never 438 on demand.

const FAKE = { username: "cmsturn", password: "right", realm: "TANDBERG" };
const FAKE_KEY = longTermKey(FAKE.username, FAKE.realm, FAKE.password);

type CredentialedAllocate = (attempt: number) => { cls: "success" | "error"; attributes: StunAttribute[] };

interface SeenRequest {
  method: number;
  nonce?: string;
  integrity: IntegrityCheck;
  fingerprint: IntegrityCheck;
}

interface FakeOptions {
  credentialed: CredentialedAllocate;
  /** Silently drop this many Binding requests first (UDP retransmission test). */
  dropBindings?: number;
}

function fakeResponder(options: FakeOptions) {
  const seen: SeenRequest[] = [];
  let attempts = 0;
  let dropped = 0;
  const respond = (bytes: Buffer, from: { address: string; port: number }): Buffer | undefined => {
    const decoded = decodeStunMessage(bytes);
    if (!decoded.ok || decoded.message.cls !== "request") return undefined;
    const req = decoded.message;
    const nonce = findAttribute(req, "NONCE")?.value;
    seen.push({
      method: req.method,
      ...(nonce ? { nonce } : {}),
      integrity: verifyMessageIntegrity(req.raw, FAKE_KEY),
      fingerprint: verifyFingerprint(req.raw),
    });
    const reply = (cls: "success" | "error", attributes: StunAttribute[], sign: boolean) =>
      encodeStunMessage(
        { method: req.method, cls, transactionId: req.transactionId, attributes },
        sign ? { integrityKey: FAKE_KEY, fingerprint: true } : { fingerprint: true },
      );
    const mapped: StunAttribute = {
      type: "XOR-MAPPED-ADDRESS",
      address: { family: "IPv4", address: from.address, port: from.port },
    };
    if (req.method === StunMethod.Binding) {
      if (dropped < (options.dropBindings ?? 0)) {
        dropped++;
        return undefined;
      }
      return reply("success", [mapped, { type: "SOFTWARE", value: "TANDBERG/4352 (X15.0.2)" }], false);
    }
    if (req.method === StunMethod.Allocate && !findAttribute(req, "USERNAME")) {
      return reply(
        "error",
        [
          { type: "ERROR-CODE", code: 401, reason: "Unauthorized" },
          { type: "REALM", value: FAKE.realm },
          { type: "NONCE", value: "nonce-1" },
        ],
        false,
      );
    }
    if (req.method === StunMethod.Allocate) {
      const scripted = options.credentialed(++attempts);
      return reply(
        scripted.cls,
        scripted.cls === "success" ? [...scripted.attributes, mapped] : scripted.attributes,
        scripted.cls === "success",
      );
    }
    if (req.method === StunMethod.Refresh) return reply("success", [{ type: "LIFETIME", seconds: 0 }], true);
    return undefined;
  };
  return { respond, seen };
}

async function startFakeUdp(options: FakeOptions) {
  const { respond, seen } = fakeResponder(options);
  const socket = createSocket("udp4");
  socket.on("message", (msg: Buffer, rinfo: RemoteInfo) => {
    const out = respond(msg, rinfo);
    if (out) socket.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  return { server: `127.0.0.1:${socket.address().port}`, seen, close: () => socket.close() };
}

/** TCP variant; answers are written in two pieces to exercise stream reassembly. */
async function startFakeTcp(options: FakeOptions) {
  const { respond, seen } = fakeResponder(options);
  const server = createTcpServer((conn) => {
    const framer = new StunStreamFramer();
    conn.on("data", (chunk: Buffer) => {
      for (const frame of framer.push(chunk).frames) {
        const out = respond(frame.data, { address: conn.remoteAddress ?? "127.0.0.1", port: conn.remotePort ?? 0 });
        if (!out) continue;
        conn.write(out.subarray(0, 7));
        setTimeout(() => conn.write(out.subarray(7)), 5);
      }
    });
    conn.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { server: `127.0.0.1:${port}`, seen, close: () => server.close() };
}

const relayed: StunAttribute[] = [
  { type: "XOR-RELAYED-ADDRESS", address: { family: "IPv4", address: "203.0.113.5", port: 24012 } },
  { type: "LIFETIME", seconds: 600 },
];
const error = (code: number, reason: string, extra: StunAttribute[] = []) => ({
  cls: "error" as const,
  attributes: [{ type: "ERROR-CODE" as const, code, reason }, ...extra],
});

describe.each([
  ["udp", startFakeUdp],
  ["tcp", startFakeTcp],
] as const)("probeTurn against a scripted fake TURN server (%s)", (transport, startFake) => {
  const probe = (server: string, password = FAKE.password) =>
    probeTurn({ server, transport, username: FAKE.username, password, timeoutMs: 3000 });

  it("431 Integrity Check Failure (Expressway's answer to wrong credentials) → integrity-check-failure", async () => {
    const fake = await startFake({ credentialed: () => error(431, "Integrity Check Failure") });
    try {
      const result = await probe(fake.server, "wrong");
      expect(result).toMatchObject({
        outcome: "integrity-check-failure",
        errorCode: 431,
        errorReason: "Integrity Check Failure",
        realm: "TANDBERG",
      });
      expect(result.software).toBe("TANDBERG/4352 (X15.0.2)");
      expect(result.steps.at(-1)?.response).toBe("Allocate error response 431 Integrity Check Failure");
    } finally {
      fake.close();
    }
  });

  it("438 Stale Nonce then success → retries once with the fresh nonce, then releases", async () => {
    const fake = await startFake({
      credentialed: (n) =>
        n === 1
          ? error(438, "Stale Nonce", [{ type: "NONCE", value: "nonce-2" }])
          : { cls: "success", attributes: relayed },
    });
    try {
      const result = await probe(fake.server);
      expect(result).toMatchObject({
        outcome: "ok",
        relayedAddress: "203.0.113.5:24012",
        lifetime: 600,
        released: true,
      });
      expect(result.steps.map((s) => s.errorCode ?? null)).toEqual([null, 401, 438, null, null]);
      expect(result.steps[3]).toMatchObject({
        request: "Allocate request (user cmsturn, realm TANDBERG, fresh nonce)",
        integrity: "valid",
      });
      // The server side saw correctly signed requests carrying the nonces it handed out.
      const credentialed = fake.seen.filter((s) => s.nonce);
      expect(credentialed.map((s) => [s.method, s.nonce, s.integrity, s.fingerprint])).toEqual([
        [StunMethod.Allocate, "nonce-1", "valid", "valid"],
        [StunMethod.Allocate, "nonce-2", "valid", "valid"],
        [StunMethod.Refresh, "nonce-2", "valid", "valid"],
      ]);
    } finally {
      fake.close();
    }
  });

  it("438 on every attempt → stale-nonce-loop after exactly one retry", async () => {
    const fake = await startFake({
      credentialed: (n) => error(438, "Stale Nonce", [{ type: "NONCE", value: `nonce-${n + 1}` }]),
    });
    try {
      const result = await probe(fake.server);
      expect(result).toMatchObject({ outcome: "stale-nonce-loop", errorCode: 438 });
      expect(fake.seen.filter((s) => s.method === StunMethod.Allocate)).toHaveLength(3);
    } finally {
      fake.close();
    }
  });

  it.each([
    [403, "Forbidden", "forbidden"],
    [437, "Allocation Mismatch", "mismatch"],
    [486, "Allocation Quota Reached", "quota"],
    [508, "Insufficient Capacity", "quota"],
    [442, "Unsupported Transport Protocol", "error"],
  ] as const)("%i %s → %s", async (code, reason, outcome) => {
    const fake = await startFake({ credentialed: () => error(code, reason) });
    try {
      expect(await probe(fake.server)).toMatchObject({ outcome, errorCode: code, errorReason: reason });
    } finally {
      fake.close();
    }
  });
});

describe("UDP retransmission", () => {
  it("resends an unanswered Binding after the RTO and counts it", async () => {
    const fake = await startFakeUdp({ dropBindings: 1, credentialed: () => ({ cls: "success", attributes: relayed }) });
    try {
      const result = await probeTurn({
        server: fake.server,
        transport: "udp",
        username: FAKE.username,
        password: FAKE.password,
        timeoutMs: 3000,
        initialRtoMs: 100,
      });
      expect(result.outcome).toBe("ok");
      expect(result.steps[0]).toMatchObject({ request: "Binding request", retransmits: 1 });
      expect(result.rttMs).toBeGreaterThanOrEqual(100);
      expect(fake.seen.filter((s) => s.method === StunMethod.Binding)).toHaveLength(2);
    } finally {
      fake.close();
    }
  });
});
