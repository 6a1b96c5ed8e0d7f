import { describe, expect, it } from "vitest";

import {
  decodeStunMessage,
  encodeStunMessage,
  isStunMessage,
  longTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  type StunDecodeErrorCode,
} from "@/lib/server/probes/turn/stun-codec";
import { StunStreamFramer } from "@/lib/server/probes/turn/tcp-framing";

// The decoder also feeds the pcap analyzer, so any byte string must yield a result, never a throw.

const TXID = Buffer.from("b7e7a701bc34d686fa87dfae", "hex");
const KEY = longTermKey("cmsturn", "TANDBERG", "pw");
const VALID = encodeStunMessage(
  {
    method: 3,
    cls: "success",
    transactionId: TXID,
    attributes: [
      { type: "XOR-RELAYED-ADDRESS", address: { family: "IPv6", address: "2001:db8::36", port: 24000 } },
      { type: "XOR-MAPPED-ADDRESS", address: { family: "IPv4", address: "203.0.113.5", port: 50000 } },
      { type: "LIFETIME", seconds: 600 },
      { type: "SOFTWARE", value: "Coturn-4.6.1 'Gorst'" },
    ],
  },
  { integrityKey: KEY, fingerprint: true },
);

const header = (type: number, length: number, cookie = 0x2112a442) => {
  const b = Buffer.alloc(20);
  b.writeUInt16BE(type, 0);
  b.writeUInt16BE(length, 2);
  b.writeUInt32BE(cookie, 4);
  return b;
};

const GARBAGE: Array<[string, Buffer, StunDecodeErrorCode]> = [
  ["empty", Buffer.alloc(0), "too-short"],
  ["one byte", Buffer.from([0]), "too-short"],
  ["19 bytes", VALID.subarray(0, 19), "too-short"],
  ["top bits set (RTP/DTLS)", Buffer.concat([Buffer.from([0x80]), VALID.subarray(1)]), "not-stun"],
  ["RFC 3489 message without cookie", header(0x0001, 0, 0x12345678), "bad-cookie"],
  ["length not a multiple of 4", header(0x0001, 2), "bad-length"],
  ["declared longer than buffer", header(0x0001, 8), "length-mismatch"],
  ["truncated by one word", VALID.subarray(0, VALID.length - 4), "length-mismatch"],
  ["trailing bytes", Buffer.concat([VALID, Buffer.alloc(4)]), "length-mismatch"],
  [
    "attribute overruns message",
    Buffer.concat([header(0x0101, 8), Buffer.from("0020ffff00000000", "hex")]),
    "truncated-attribute",
  ],
  [
    "SOFTWARE value longer than message",
    Buffer.concat([header(0x0101, 8), Buffer.from("802200054142434400", "hex").subarray(0, 8)]),
    "truncated-attribute",
  ],
];

describe("garbage and truncated input", () => {
  it.each(GARBAGE)("%s", (_name, bytes, code) => {
    const result = decodeStunMessage(bytes);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe(code);
    expect(isStunMessage(bytes)).toBe(false);
  });

  it("every prefix of a valid message decodes to a result", () => {
    for (let n = 0; n < VALID.length; n++) {
      expect(decodeStunMessage(VALID.subarray(0, n)).ok).toBe(false);
      expect(() => verifyMessageIntegrity(VALID.subarray(0, n), KEY)).not.toThrow();
      expect(() => verifyFingerprint(VALID.subarray(0, n))).not.toThrow();
    }
    expect(decodeStunMessage(VALID).ok).toBe(true);
  });
});

// Small deterministic PRNG so a failure is reproducible from the printed seed.
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(rand: () => number, base: Buffer): Buffer {
  const buf = Buffer.from(base);
  const choice = Math.floor(rand() * 4);
  if (choice === 0) {
    // Random bytes with a plausible STUN header, so the attribute walker is exercised.
    const body = Buffer.alloc(Math.floor(rand() * 64) * 4);
    for (let i = 0; i < body.length; i++) body[i] = Math.floor(rand() * 256);
    return Buffer.concat([header(Math.floor(rand() * 0x4000), body.length), body]);
  }
  if (choice === 1) {
    const out = Buffer.alloc(Math.floor(rand() * 200));
    for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
    return out;
  }
  const flips = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rand() * buf.length);
    buf[at] = choice === 2 ? Math.floor(rand() * 256) : (buf[at] ?? 0) ^ (1 << Math.floor(rand() * 8));
  }
  return buf;
}

describe("fuzz", () => {
  it("never throws on 5000 random or mutated buffers", () => {
    const seed = 0x5354554e;
    const rand = mulberry32(seed);
    const framer = new StunStreamFramer();
    let decodedOk = 0;
    for (let i = 0; i < 5000; i++) {
      const input = mutate(rand, VALID);
      try {
        const result = decodeStunMessage(input);
        if (result.ok) {
          decodedOk++;
          // `raw` must be the exact input: integrity checks downstream run over it.
          expect(result.message.raw.equals(input)).toBe(true);
        }
        isStunMessage(input);
        verifyMessageIntegrity(input, KEY);
        verifyFingerprint(input);
        framer.push(input);
      } catch (err) {
        throw new Error(`seed ${seed} iteration ${i} input ${input.toString("hex")}: ${String(err)}`);
      }
    }
    // Sanity: the mutator must produce some decodable messages, or the walker is never exercised.
    expect(decodedOk).toBeGreaterThan(500);
  });
});
