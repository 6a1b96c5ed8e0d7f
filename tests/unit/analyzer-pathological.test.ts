import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deploymentInput } from "@/lib/domain/deployment-input";
import { hostOf } from "@/lib/domain/web-proxy";
import { EvidenceTooLargeError, getAnalyzer } from "@/lib/server/analyzers";
import { failureDetailOf } from "@/lib/server/parsing/cms-xml";
import { parseXml } from "@/lib/server/parsing/xml";
import { parseSubjectAltName } from "@/lib/server/probes/tls-certificate";
import { tlsProbeInput } from "@/lib/server/probes/tls";

// Each analyzer and parser fed the classic ReDoS triggers: long repeats of the tokens its
// patterns match, whitespace runs, and an unmatched tail. Growth, not absolute time, is what is
// asserted: the input grows 4×, so linear work takes ~4× as long and quadratic work ~16×. The
// bound (8× plus 100 ms) leaves room for a loaded 2-core machine and for V8's own steps (JSON.parse
// of a few MB jumps by ~60 ms once its strings leave the young generation); each size is timed three times,
// interleaved, and the fastest run counts, so a GC pause or a busy neighbour does not decide.

function fastest(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function expectLinear(build: (n: number) => unknown, run: (input: never) => void, n: number): void {
  const small = build(n);
  const large = build(4 * n);
  const times = { small: Infinity, large: Infinity };
  for (let i = 0; i < 3; i++) {
    times.small = Math.min(
      times.small,
      fastest(() => run(small as never)),
    );
    times.large = Math.min(
      times.large,
      fastest(() => run(large as never)),
    );
  }
  expect(times.large, `n=${n}: ${times.small.toFixed(1)} ms, 4n: ${times.large.toFixed(1)} ms`).toBeLessThan(
    8 * times.small + 100,
  );
}

/** Runs the analyzer; a typed refusal (422/413) is a fine answer to garbage, any other throw is not. */
function analyze(kind: string) {
  const analyzer = getAnalyzer(kind)!;
  return (input: Buffer) => {
    try {
      analyzer.analyze(input);
    } catch (err) {
      if (!(err instanceof Error) || !("status" in err)) throw err;
    }
  };
}

/** Tokens the analyzers' and parsers' patterns look for, plus plain runs that make `\s+`/`.*` retry. */
const TOKENS = [
  "candidate:",
  "candidate:1 1 udp 1 ",
  "a",
  " ",
  "\t",
  "\0",
  "turn:",
  "url: turn:",
  ", a: ",
  "typ relay ",
  "<failureDetails",
  "(legacy)",
  "0.",
  ":",
  "/",
];
// Line terminators `.` does not match, then a non-space so trim() cannot remove them.
const TAIL = "!\u2028\r!";
const run = (token: string, n: number) => token.repeat(Math.ceil(n / token.length)) + TAIL;

function dump(text: string): Buffer {
  const doc = {
    getUserMedia: [{ error: text, message: text }],
    UserAgent: text,
    PeerConnections: {
      "1-1": {
        url: text,
        rtcConfiguration: text,
        updateLog: [
          "icecandidate",
          "addIceCandidate",
          "icecandidateerror",
          "iceconnectionstatechange",
          `${text}(legacy)`,
          text,
        ].map((type, i) => ({ time: 1690380500000 + i, type, value: text })),
        stats: {
          [`RTCIceCandidate_${text.slice(0, 64)}`]: {
            statsType: "local-candidate",
            values: JSON.stringify(["candidateType", text, "address", text, "url", text]),
          },
        },
      },
    },
  };
  return Buffer.from(JSON.stringify(doc));
}

function har(text: string): Buffer {
  const entry = {
    startedDateTime: "2023-07-26T14:08:23.000Z",
    _resourceType: text,
    request: { method: "GET", url: `https://${text}`, headers: [{ name: "Upgrade", value: text }] },
    response: { status: 101, headers: [{ name: "Location", value: text }], content: { mimeType: text }, _error: text },
  };
  return Buffer.from(
    JSON.stringify({
      log: { version: "1.2", entries: [entry, { ...entry, request: { ...entry.request, url: `wss://${text}` } }] },
    }),
  );
}

const LOG_PREFIXES = [
  "",
  "2017-04-15\t10:34:56\t",
  "2017-04-15\t10:34:56\tInfo ",
  "Jul 26 14:08:23 user.info ",
  "Jul 26 14:08:23 cms1 host:server: INFO ",
  "<14>1 2023-07-26T14:08:23Z ",
];

/** 20 lines per prefix, each `n` long: CMS lines are cut at 8 KB, so per-line work is what can blow up. */
function cmsLog(token: string, n: number): Buffer {
  return Buffer.from(LOG_PREFIXES.flatMap((p) => Array.from({ length: 20 }, () => p + run(token, n))).join("\n"));
}

describe("analyzers stay linear on pathological input", () => {
  it.each(TOKENS)("webrtc-internals dump with %j repeated", (token) => {
    expectLinear((n) => dump(run(token, n)), analyze("webrtc-internals"), 100_000);
  });

  it('webrtc-internals: "candidate:" × 100 000 gzipped (the 691-byte upload that froze the server)', () => {
    const upload = (n: number) =>
      gzipSync(
        JSON.stringify({
          PeerConnections: { "1-1": { updateLog: [{ type: "icecandidate", value: "candidate:".repeat(n) }] } },
        }),
        { level: 9 },
      );
    expect(upload(100_000).length).toBeLessThan(4096);
    // 4 × 25 000 = the 100 000 repeats of the report (~100 s each before the fix).
    expectLinear(upload, analyze("webrtc-internals"), 25_000);
  });

  it.each(TOKENS)("HAR with %j repeated", (token) => {
    expectLinear((n) => har(run(token, n)), analyze("har"), 100_000);
  });

  it.each([...TOKENS, "ICE failure 4 ", "web bridge link 9 "])("CMS log lines with %j repeated", (token) => {
    expectLinear((n) => cmsLog(token, n), analyze("cms-log"), 1_500);
  });

  it.each(["cms-log", "webrtc-internals", "har", "pcap"])(
    "%s: a gzip bomb is refused at the size limit, not unpacked",
    (kind) => {
      const limit = getAnalyzer(kind)!.maxBytes;
      const bomb = gzipSync(Buffer.alloc(limit + 1024 * 1024, kind === "pcap" ? 0 : 0x20), { level: 9 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      // pcap does not unpack gzip: it must refuse it as not a capture rather than read it.
      expect(() => getAnalyzer(kind)!.analyze(bomb)).toThrow(kind === "pcap" ? /./ : EvidenceTooLargeError);
    },
  );
});

describe("parsers of node answers and admin input stay linear", () => {
  // [name, parse, n]: PEM fields are capped at 64–128 KB by their schemas, so they stay under that.
  const cases: [string, (text: string) => unknown, number][] = [
    ["failureDetailOf", (t) => failureDetailOf(t), 50_000],
    ["parseXml", (t) => parseXml(`<root>${t}</root>`), 50_000],
    ["parseXml (unclosed tags)", (t) => parseXml(t.replaceAll("a", "<a")), 50_000],
    ["parseSubjectAltName", (t) => parseSubjectAltName(`DNS:${t}, IP Address:${t}`), 50_000],
    ["hostOf", (t) => hostOf(t), 50_000],
    ["deployment CA PEM", (t) => deploymentInput.safeParse({ caPem: `-----BEGIN CERTIFICATE-----${t}` }), 15_000],
    [
      "TLS probe CA PEM",
      (t) =>
        tlsProbeInput.safeParse({
          target: "192.0.2.1",
          servername: "a.example",
          caPem: `-----BEGIN CERTIFICATE-----${t}`,
        }),
      30_000,
    ],
  ];
  const tokens = [...TOKENS, "-----BEGIN CERTIFICATE-----", "r", "DNS:a", "%"];
  for (const [name, parse, n] of cases) {
    it.each(tokens)(`${name} with %j repeated`, (token) => {
      expectLinear((size) => run(token, size), parse as (input: never) => void, n);
    });
  }
});
