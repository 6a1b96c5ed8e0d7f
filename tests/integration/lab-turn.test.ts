import { createSocket, type Socket } from "node:dgram";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getBoard } from "@/lib/server/board/board-summary";
import { getDeploymentChecks, getDeploymentScenarios } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { FAULTS, type FaultName } from "@/lib/server/lab/faults";
import type { LabNodeInfo } from "@/lib/server/lab/lab";
import { portProbeInput, probePort } from "@/lib/server/probes/port";
import { probeTurn, type TurnProbeOutcome, type TurnTransport } from "@/lib/server/probes/turn";
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
  type StunAttribute,
} from "@/lib/server/probes/turn/stun-codec";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The lab's Expressway-E TURN servers (what `npm run demo` probes) against our real TURN probe
// and a hand-driven STUN client: the RFC 5389/8656 answers, each TURN fault as the probe types
// it, and the demo's seeded deployment going green and red on the checks and the board.
// coturn stays the real peer of the probe's own tests (turn-probe.test.ts).

let f: LabFixture;
let clockOffsetMs = 0;
const TIMEOUT_MS = 1500;

beforeAll(async () => {
  f = await startLabFixture({}, { cmsMaxPageSize: 1, now: () => new Date(Date.now() + clockOffsetMs) });
});
afterAll(() => f?.stop());
beforeEach(async () => {
  clockOffsetMs = 0;
  await f.lab.clearFaults();
});

const node = (key: string): LabNodeInfo & { turn: NonNullable<LabNodeInfo["turn"]> } => {
  const n = f.lab.nodes.find((x) => x.key === key)!;
  if (!n.turn) throw new Error(`${key} has no TURN server`);
  return n as LabNodeInfo & { turn: NonNullable<LabNodeInfo["turn"]> };
};
const probe = (key: string, transport: TurnTransport = "udp", password = node(key).turn.password) =>
  probeTurn({
    server: node(key).turn.server,
    transport,
    username: node(key).turn.username,
    password,
    timeoutMs: TIMEOUT_MS,
  });

describe("our TURN probe against a lab Expressway-E", () => {
  it.each<TurnTransport>(["udp", "tcp"])(
    "over %s: Binding, 401 challenge, Allocate → ok with a relayed address of its public address; Refresh 0 releases",
    async (transport) => {
      const r = await probe("vcs-e1", transport);
      expect(r.outcome, JSON.stringify(r.steps)).toBe("ok");
      const [, port] = /^203\.0\.113\.5:(\d+)$/.exec(r.relayedAddress ?? "") ?? [];
      expect(Number(port)).toBeGreaterThanOrEqual(24_000);
      expect(Number(port)).toBeLessThanOrEqual(29_999);
      expect(r.mappedAddress).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(r).toMatchObject({ lifetime: 600, realm: "TANDBERG", released: true });
      expect(r.software).toMatch(/^TANDBERG\//);
      expect(r.steps.map((s) => s.response)).toEqual([
        "Binding success response",
        "Allocate error response 401 Unauthorized",
        "Allocate success response",
        "Refresh success response",
      ]);
      // Responses to authenticated requests carry MESSAGE-INTEGRITY made with the shared key.
      expect(r.steps.slice(2).map((s) => s.integrity)).toEqual(["valid", "valid"]);
    },
  );

  it("each Expressway-E relays from its own public address", async () => {
    expect((await probe("vcs-e2")).relayedAddress).toMatch(/^203\.0\.113\.6:\d+$/);
  });

  it("a password other than the Expressway-E's → unauthorized 401 (T1)", async () => {
    expect(await probe("vcs-e1", "udp", "not-the-password")).toMatchObject({ outcome: "unauthorized", errorCode: 401 });
  });
});

const FAULT_CASES: [FaultName, TurnProbeOutcome, number | undefined][] = [
  ["turn-wrong-credentials", "unauthorized", 401],
  ["turn-quota", "quota", 486],
  ["turn-down", "timeout", undefined],
  ["turn-inactive", "timeout", undefined],
];

describe("TURN faults, switched per Expressway-E", () => {
  it("covers every TURN fault the lab has", () => {
    const turn = Object.entries(FAULTS)
      .filter(([, d]) => d.kind === "turn")
      .map(([n]) => n);
    expect(
      FAULT_CASES.map(([n]) => n)
        .filter((n) => n !== "turn-inactive")
        .sort(),
    ).toEqual(turn.sort());
  });

  it.each(FAULT_CASES)(
    "%s on vcs-e1 → %s; vcs-e2 stays ok; clearing restores vcs-e1",
    async (fault, outcome, errorCode) => {
      await f.lab.setFault(fault, "vcs-e1");
      const [e1, e2] = await Promise.all([probe("vcs-e1"), probe("vcs-e2")]);
      expect(e1.outcome, JSON.stringify(e1.steps)).toBe(outcome);
      expect(e1.errorCode).toBe(errorCode);
      expect(e2.outcome).toBe("ok");
      await f.lab.clearFaults(fault);
      expect((await probe("vcs-e1")).outcome).toBe("ok");
    },
  );

  it("turn-down through the control API (npm run lab -- fault turn-down): UDP silent, TCP refused, until cleared", async () => {
    const post = await fetch(`${f.lab.controlUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "turn-down" }),
    });
    expect(post.status).toBe(200);
    const target = node("vcs-e2").turn.server;
    const [udp, tcp, turnTcp] = await Promise.all([
      probePort(portProbeInput.parse({ target, transport: "udp", timeoutMs: TIMEOUT_MS })),
      probePort(portProbeInput.parse({ target, transport: "tcp", timeoutMs: TIMEOUT_MS })),
      probe("vcs-e2", "tcp"),
    ]);
    expect(udp).toMatchObject({ open: false, outcome: "timeout" });
    expect(tcp).toMatchObject({ open: false, outcome: "refused" });
    expect(turnTcp.outcome).toBe("unreachable");
    expect((await fetch(`${f.lab.controlUrl}/faults`, { method: "DELETE" })).status).toBe(200);
    expect((await probe("vcs-e2", "tcp")).outcome).toBe("ok");
  });
});

/** A STUN client on one UDP 5-tuple, driven by hand to see the RFC details the probe hides. */
async function rawClient(server: string) {
  const [host, port] = [server.split(":")[0]!, Number(server.split(":")[1])];
  const socket: Socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const send = (bytes: Buffer, transactionId: Buffer) =>
    new Promise<DecodedStunMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the lab TURN server did not answer")), TIMEOUT_MS);
      const onMessage = (msg: Buffer) => {
        const d = decodeStunMessage(msg);
        if (!d.ok || !d.message.transactionId.equals(transactionId)) return;
        clearTimeout(timer);
        socket.off("message", onMessage);
        resolve(d.message);
      };
      socket.on("message", onMessage);
      socket.send(bytes, port, host);
    });
  return {
    /** Sends a request (signed when key is given) and returns its bytes with the answer. */
    async ask(method: number, attributes: StunAttribute[], key?: Buffer) {
      const transactionId = newTransactionId();
      const bytes = encodeStunMessage(
        { method, cls: "request", transactionId, attributes },
        { fingerprint: true, ...(key ? { integrityKey: key } : {}) },
      );
      return { bytes, transactionId, reply: await send(bytes, transactionId) };
    },
    resend: send,
    close: () => socket.close(),
  };
}

const code = (m: DecodedStunMessage) => findAttribute(m, "ERROR-CODE")?.code;
const TRANSPORT: StunAttribute = { type: "REQUESTED-TRANSPORT", protocol: 17 };

describe("the lab TURN server by the RFCs (hand-driven client)", () => {
  const e1 = () => node("vcs-e1").turn;
  const key = () => longTermKey(e1().username, e1().realm, e1().password);
  const auth = (nonce: string): StunAttribute[] => [
    { type: "USERNAME", value: e1().username },
    { type: "REALM", value: e1().realm },
    { type: "NONCE", value: nonce },
  ];

  it("stale nonce → 438 with a fresh nonce; Allocate twice → 437; a retransmission gets the same answer; Refresh 0 releases", async () => {
    const c = await rawClient(e1().server);
    try {
      const challenge = (await c.ask(StunMethod.Allocate, [TRANSPORT])).reply;
      expect(code(challenge)).toBe(401);
      expect(verifyMessageIntegrity(challenge.raw, key())).toBe("absent");
      const oldNonce = findAttribute(challenge, "NONCE")!.value;

      clockOffsetMs = 11 * 60_000; // past the nonce's 10 minutes
      const stale = (await c.ask(StunMethod.Allocate, [TRANSPORT, ...auth(oldNonce)], key())).reply;
      expect(code(stale)).toBe(438);
      expect(findAttribute(stale, "REALM")?.value).toBe("TANDBERG");
      const fresh = findAttribute(stale, "NONCE")!.value;
      expect(fresh).not.toBe(oldNonce);

      const allocate = await c.ask(StunMethod.Allocate, [TRANSPORT, ...auth(fresh)], key());
      expect(allocate.reply.cls).toBe("success");
      expect(verifyMessageIntegrity(allocate.reply.raw, key())).toBe("valid");
      expect(verifyFingerprint(allocate.reply.raw)).toBe("valid");
      expect(findAttribute(allocate.reply, "XOR-RELAYED-ADDRESS")?.address.address).toBe("203.0.113.5");
      expect(findAttribute(allocate.reply, "LIFETIME")?.seconds).toBe(600);
      // A retransmitted request (same transaction) is answered as before, not with 437.
      expect((await c.resend(allocate.bytes, allocate.transactionId)).raw).toEqual(allocate.reply.raw);

      const again = (await c.ask(StunMethod.Allocate, [TRANSPORT, ...auth(fresh)], key())).reply;
      expect(code(again)).toBe(437);
      expect(verifyMessageIntegrity(again.raw, key())).toBe("valid");

      const release = (await c.ask(StunMethod.Refresh, [{ type: "LIFETIME", seconds: 0 }, ...auth(fresh)], key()))
        .reply;
      expect(release.cls).toBe("success");
      expect(findAttribute(release, "LIFETIME")?.seconds).toBe(0);
      expect(
        code((await c.ask(StunMethod.Refresh, [{ type: "LIFETIME", seconds: 0 }, ...auth(fresh)], key())).reply),
      ).toBe(437);
    } finally {
      c.close();
    }
  });

  it("an allocation expires after its lifetime: a later Refresh gets 437", async () => {
    const c = await rawClient(e1().server);
    try {
      const nonce = findAttribute((await c.ask(StunMethod.Allocate, [TRANSPORT])).reply, "NONCE")!.value;
      expect(
        (await c.ask(StunMethod.Allocate, [TRANSPORT, { type: "LIFETIME", seconds: 600 }, ...auth(nonce)], key())).reply
          .cls,
      ).toBe("success");
      clockOffsetMs = 601_000;
      const fresh = findAttribute((await c.ask(StunMethod.Refresh, [...auth(nonce)], key())).reply, "NONCE")!.value; // 438: the nonce aged too
      expect(code((await c.ask(StunMethod.Refresh, [...auth(fresh)], key())).reply)).toBe(437);
    } finally {
      c.close();
    }
  });

  it.each<[string, StunAttribute[], boolean, number]>([
    ["no MESSAGE-INTEGRITY → 401 challenge", [TRANSPORT], false, 401],
    [
      "an unknown username → 401",
      [TRANSPORT, { type: "USERNAME", value: "nobody" }, { type: "REALM", value: "TANDBERG" }],
      true,
      401,
    ],
    ["MESSAGE-INTEGRITY without USERNAME/REALM/NONCE → 400", [TRANSPORT], true, 400],
    [
      "an unknown comprehension-required attribute → 420",
      [TRANSPORT, { type: "RAW", code: 0x7fee, name: "x", value: Buffer.alloc(4) }],
      false,
      420,
    ],
  ])("%s", async (_, attributes, signed, expected) => {
    const c = await rawClient(e1().server);
    try {
      const nonce = findAttribute((await c.ask(StunMethod.Allocate, [TRANSPORT])).reply, "NONCE")!.value;
      const attrs = attributes.some((a) => a.type === "USERNAME")
        ? [...attributes, { type: "NONCE" as const, value: nonce }]
        : attributes;
      const reply = (await c.ask(StunMethod.Allocate, attrs, signed ? key() : undefined)).reply;
      expect(code(reply)).toBe(expected);
      if (expected === 420)
        expect(
          reply.attributes.some((a) => a.type === "RAW" && a.code === 0x000a && a.value.readUInt16BE(0) === 0x7fee),
        ).toBe(true);
    } finally {
      c.close();
    }
  });
});

describe("the demo's deployment against the lab TURN servers", () => {
  const checks = async () =>
    (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner: getProbeRunner() }))
      .checks;
  const statusOf = async (ids: string[]) =>
    Object.fromEntries((await checks()).filter((c) => ids.includes(c.id)).map((c) => [c.id, c.status]));
  const area = async (id: string) => (await getBoard(f.t.db, f.env, f.box)).tiles[0]!.areas.find((a) => a.area === id)!;
  const TURN_CHECKS = [
    "r4-turn-active",
    "r6-turn-ports",
    "v5-relay-usage",
    "c5-turn-servers",
    "c5-turn-credentials",
    "v4-turn-rtt",
  ];

  beforeAll(async () => {
    await seedLabTurnCredentials(f.t.db, f.box, f.lab, f.deploymentId);
  });
  beforeEach(() => pollOk(f, ALL_NODES));

  it("seeded as the demo seeds it, every TURN check passes and both TURN areas of the board are green", async () => {
    expect(await statusOf(TURN_CHECKS)).toEqual(Object.fromEntries(TURN_CHECKS.map((id) => [id, "pass"])));
    expect((await area("turn-relays")).health).toBe("ok");
    expect((await area("turn-servers")).health).toBe("ok");
  });

  it("turn-down on vcs-e1 → R6 fails (TURN relays red) and T3 is likely", async () => {
    await f.lab.setFault("turn-down", "vcs-e1");
    expect(await statusOf(["r6-turn-ports", "c5-turn-credentials"])).toEqual({
      "r6-turn-ports": "fail",
      "c5-turn-credentials": "unknown",
    });
    const relays = await area("turn-relays");
    expect(relays.health).toBe("failing");
    expect(relays.detail).toMatch(/^vcs-e1: UDP 127\.0\.0\.1:\d+ timeout · R6$/);
    const t3 = (
      await getDeploymentScenarios(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner: getProbeRunner() })
    ).scenarios.find((s) => s.id === "T3")!;
    expect(t3.verdict).toBe("likely");
    expect(t3.causes[0]!.checkIds).toEqual(["r6-turn-ports"]);
  });

  it("turn-wrong-credentials on vcs-e2 → C5 credentials fail (CMS turnServers red) and T1 is likely", async () => {
    await f.lab.setFault("turn-wrong-credentials", "vcs-e2");
    expect(await statusOf(["r6-turn-ports", "c5-turn-credentials"])).toEqual({
      "r6-turn-ports": "pass",
      "c5-turn-credentials": "fail",
    });
    expect((await area("turn-servers")).health).toBe("failing");
    const t1 = (
      await getDeploymentScenarios(f.t.db, f.env, f.box, f.deploymentId, { probes: "cached", runner: getProbeRunner() })
    ).scenarios.find((s) => s.id === "T1")!;
    expect(t1.verdict).toBe("likely");
  });

  it("turn-quota on vcs-e1 → C5 credentials warn with the quota outcome, R6 still passes", async () => {
    await f.lab.setFault("turn-quota", "vcs-e1");
    const all = await checks();
    expect(all.find((c) => c.id === "r6-turn-ports")!.status).toBe("pass");
    const creds = all.find((c) => c.id === "c5-turn-credentials")!;
    expect(creds.status).toBe("warn");
    expect(creds.summary).toMatch(/vcs-e1\.example\.local: quota/);
  });
});
