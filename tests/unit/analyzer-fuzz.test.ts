import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { EvidenceKind } from "@/lib/domain/findings";
import { EvidenceFormatError, EvidenceTooLargeError, getAnalyzer } from "@/lib/server/analyzers";
import {
  healthyRelay,
  t1CoturnTcp,
  t1Expressway431,
  t3RelayBlocked,
  turnSilent,
} from "../fixtures/analyzers/pcap/scenarios";

// Garbage in must never crash an analyzer: every mutated input either analyses (to a result
// that serialises as JSON for the route) or throws the typed evidence errors, and every run ends.

function prng(seed: number): () => number {
  // mulberry32: deterministic, so a failure reproduces from its iteration number.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = join(import.meta.dirname, "../fixtures/analyzers");
const files = (sub: string) =>
  readdirSync(join(dir, sub))
    .filter((f) => !f.endsWith(".ts"))
    .map((f) => readFileSync(join(dir, sub, f)));

function mutateBytes(base: Buffer, rand: () => number): Buffer {
  let buf = Buffer.from(base);
  const ops = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < ops && buf.length > 0; k++) {
    const at = Math.floor(rand() * buf.length);
    switch (Math.floor(rand() * 6)) {
      case 0:
        for (let i = 0; i < 1 + rand() * 8; i++) buf[Math.floor(rand() * buf.length)]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        if (at + 4 <= buf.length)
          buf.writeUInt32LE([0xffffffff, 0, 12, 0x7ffffffc, Math.floor(rand() * 2 ** 32)][Math.floor(rand() * 5)]!, at);
        break;
      case 2:
        buf = buf.subarray(0, at);
        break;
      case 3:
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + Math.floor(rand() * 64))]);
        break;
      case 4:
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at, at + Math.floor(rand() * 256)), buf.subarray(at)]);
        break;
      default: {
        const junk = [
          "\t",
          "\n",
          "\0",
          '"',
          "{",
          "]",
          "candidate:",
          "ICE failure 4",
          "web bridge link 9",
          "error_code: 431",
          "\u{1F600}",
          "\r",
        ];
        buf = Buffer.concat([
          buf.subarray(0, at),
          Buffer.from(junk[Math.floor(rand() * junk.length)]!),
          buf.subarray(at),
        ]);
      }
    }
  }
  return buf;
}

const WEIRD: unknown[] = [
  null,
  0,
  -1,
  1e308,
  "",
  "x".repeat(5000),
  true,
  [],
  {},
  [[[[[]]]]],
  { a: { b: { c: {} } } },
  "turn:203.0.113.5:3478 typ relay",
  "NaN",
];

/** Replaces random nodes of a JSON document with values of the wrong type or shape. */
function mutateJson(doc: unknown, rand: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  const edits = 1 + Math.floor(rand() * 5);
  for (let e = 0; e < edits; e++) {
    let node = copy;
    for (let depth = 0; depth < 8; depth++) {
      if (typeof node !== "object" || node === null) break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[Math.floor(rand() * keys.length)]!;
      const child = (node as Record<string, unknown>)[key];
      if (rand() < 0.3 || typeof child !== "object" || child === null) {
        (node as Record<string, unknown>)[key] = structuredClone(WEIRD[Math.floor(rand() * WEIRD.length)]);
        break;
      }
      node = child;
    }
  }
  return copy;
}

function run(kind: EvidenceKind, input: Buffer, label: string): "ok" | "rejected" {
  try {
    const result = getAnalyzer(kind)!.analyze(input);
    expect(result.kind).toBe(kind);
    JSON.stringify(result);
    return "ok";
  } catch (err) {
    if (err instanceof EvidenceFormatError || err instanceof EvidenceTooLargeError) return "rejected";
    throw new Error(`${label}: unexpected ${err instanceof Error ? err.stack : String(err)}`);
  }
}

describe("fuzzed evidence", () => {
  const cases: [EvidenceKind, Buffer[]][] = [
    ["cms-log", files("cms-log")],
    ["webrtc-internals", files("webrtc-internals")],
    ["har", files("har")],
    ["pcap", [t1Expressway431(), t1CoturnTcp(), t3RelayBlocked(), healthyRelay(), turnSilent()]],
  ];

  it.each(cases)("%s: 3000 byte-level mutations analyse or throw the typed error", (kind, bases) => {
    const rand = prng(kind.length * 7919);
    const outcomes = { ok: 0, rejected: 0 };
    for (let i = 0; i < 3000; i++) {
      const base = bases[i % bases.length]!;
      const input = i % 50 === 49 ? gzipSync(mutateBytes(base, rand)) : mutateBytes(base, rand);
      outcomes[run(kind, input, `${kind} iteration ${i}`)]++;
    }
    expect(outcomes.ok + outcomes.rejected).toBe(3000);
    // Text and captures survive most mutations; JSON mostly does not, which is the point of the structural fuzz below.
    if (kind === "cms-log" || kind === "pcap") expect(outcomes.ok).toBeGreaterThan(1500);
  });

  it.each([
    ["webrtc-internals", files("webrtc-internals")],
    ["har", files("har")],
  ] as const)("%s: 2000 structurally mutated documents never crash", (kind, bases) => {
    const rand = prng(kind.length * 104729);
    const docs = bases.map((b) => JSON.parse(b.toString("utf8")) as unknown);
    let ok = 0;
    for (let i = 0; i < 2000; i++) {
      const doc = mutateJson(docs[i % docs.length], rand);
      if (run(kind, Buffer.from(JSON.stringify(doc) ?? "null"), `${kind} structural ${i}`) === "ok") ok++;
    }
    // Mutations that hit the document root are rightly rejected; the rest must reach the rules.
    expect(ok).toBeGreaterThan(500);
  });

  it.each(["cms-log", "webrtc-internals", "har", "pcap"] as const)("%s: hostile shapes end quickly", (kind) => {
    const hostile = [
      Buffer.alloc(0),
      Buffer.from("\n".repeat(100_000)),
      Buffer.from("x".repeat(2_000_000)),
      Buffer.from(`{"PeerConnections":{"a":{"rtcConfiguration":${"[".repeat(200_000)}`),
      Buffer.from(`{"log":{"entries":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`),
      Buffer.from(`2017-04-15\t10:00:00.000\tWarning\t${"call 1: ICE failure (".repeat(20_000)}`),
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]),
      Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]),
    ];
    for (const [i, input] of hostile.entries()) run(kind, input, `${kind} hostile ${i}`);
  });
});
