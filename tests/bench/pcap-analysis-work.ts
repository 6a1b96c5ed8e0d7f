import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeStunMessage, StunMethod, type StunAttribute, type StunClass } from "@/lib/server/probes/turn/stun-codec";
import { analyzePcap } from "@/lib/server/analyzers/pcap/analyze-capture";
import { TcpFlag } from "@/lib/server/analyzers/pcap/packet-decoder";
import { ethernet, ipv4, ipv6, tcp, udp, writePcap, writePcapng, type PacketSpec } from "../support/pcap-builders";

// Throughput of the whole pcap analysis (reader, decoder, STUN scan, transaction tracking,
// findings) on a large capture full of STUN/TURN, next to `tshark -r file -Y stun` on the same
// file when tshark is installed. The capture repeats one block of real TURN traffic; every copy
// gets fresh transaction ids so the tracker does real work on every message.

export interface AnalysisBenchResult {
  mb: number;
  seconds: number;
  mbPerSec: number;
  packets: number;
  stunMessages: number;
  findings: string[];
  tshark: { seconds: number; mbPerSec: number; version: string } | { missing: string };
}

const COOKIE = Buffer.from([0x21, 0x12, 0xa4, 0x42]);
const auth: StunAttribute[] = [
  { type: "USERNAME", value: "cmsturn" },
  { type: "REALM", value: "TANDBERG" },
  { type: "NONCE", value: "5a1b2c3d4e5f6071" },
];

function msg(method: number, cls: StunClass, n: number, attributes: StunAttribute[] = []): Buffer {
  const id = Buffer.alloc(12);
  id.writeUInt32BE(n, 8);
  return encodeStunMessage({ method, cls, transactionId: id, attributes }, { fingerprint: true });
}

/** One block: TURN setup with a 401 challenge, ICE checks to relay ports (some unanswered), relayed checks, media, TCP-framed STUN. */
function block(): PacketSpec[] {
  const out: PacketSpec[] = [];
  let n = 0;
  let ts = 1_700_000_000_000;
  // 1 ms apart: about 1000 STUN/TURN packets a second, a very busy Expressway-E.
  const u = (src: string, dst: string, sp: number, dp: number, payload: Buffer) =>
    out.push({ ts: (ts += 1), data: ethernet(ipv4(src, dst, 17, udp(sp, dp, payload))) });
  const media = Buffer.alloc(172, 0x80);
  let seq = 1000;
  // Each copy opens its TCP connection afresh, so the reassembler sees new data, not retransmissions.
  out.push({
    ts,
    data: ethernet(
      ipv6("2001:db8::11", "2001:db8::5", 6, tcp(51000, 3478, seq - 1, TcpFlag.SYN, Buffer.alloc(0))),
      0x86dd,
    ),
  });
  let ack = 9000;
  out.push({
    ts,
    data: ethernet(
      ipv6("2001:db8::5", "2001:db8::11", 6, tcp(3478, 51000, ack - 1, TcpFlag.SYN | TcpFlag.ACK, Buffer.alloc(0))),
      0x86dd,
    ),
  });
  for (let client = 0; client < 40; client++) {
    const c = `192.0.2.${20 + client}`;
    const a1 = ++n;
    u(
      c,
      "203.0.113.5",
      50000,
      3478,
      msg(StunMethod.Allocate, "request", a1, [{ type: "REQUESTED-TRANSPORT", protocol: 17 }]),
    );
    u(
      "203.0.113.5",
      c,
      3478,
      50000,
      msg(StunMethod.Allocate, "error", a1, [
        { type: "ERROR-CODE", code: 401, reason: "Unauthorized" },
        auth[1]!,
        auth[2]!,
      ]),
    );
    const a2 = ++n;
    u(
      c,
      "203.0.113.5",
      50000,
      3478,
      msg(StunMethod.Allocate, "request", a2, [{ type: "REQUESTED-TRANSPORT", protocol: 17 }, ...auth]),
    );
    u(
      "203.0.113.5",
      c,
      3478,
      50000,
      msg(StunMethod.Allocate, "success", a2, [
        { type: "XOR-RELAYED-ADDRESS", address: { family: "IPv4", address: "203.0.113.5", port: 24000 + client } },
      ]),
    );
    for (let k = 0; k < 6; k++) {
      const b = ++n;
      u(
        c,
        "203.0.113.5",
        50002,
        24100 + client,
        msg(StunMethod.Binding, "request", b, [{ type: "USERNAME", value: "rmt:lcl" }]),
      );
      if (k !== 5 || client % 4 !== 0)
        u("203.0.113.5", c, 24100 + client, 50002, msg(StunMethod.Binding, "success", b));
      u(c, "203.0.113.5", 50002, 24100 + client, media);
    }
    const inner = msg(StunMethod.Binding, "request", ++n);
    u(
      "10.0.0.36",
      "10.0.0.50",
      3478,
      32000,
      msg(StunMethod.Data, "indication", ++n, [{ type: "RAW", code: 0x0013, name: "DATA", value: inner }]),
    );
    const tcpMsg = msg(StunMethod.Refresh, "request", ++n, [{ type: "LIFETIME", seconds: 600 }, ...auth]);
    out.push({
      ts: (ts += 1),
      data: ethernet(ipv6("2001:db8::11", "2001:db8::5", 6, tcp(51000, 3478, seq, TcpFlag.ACK, tcpMsg)), 0x86dd),
    });
    seq += tcpMsg.length;
    const tcpAnswer = msg(StunMethod.Refresh, "success", n, [{ type: "LIFETIME", seconds: 600 }]);
    out.push({
      ts: (ts += 1),
      data: ethernet(ipv6("2001:db8::5", "2001:db8::11", 6, tcp(3478, 51000, ack, TcpFlag.ACK, tcpAnswer)), 0x86dd),
    });
    ack += tcpAnswer.length;
  }
  return out;
}

/** Offsets of the timestamps in a block body: pcap record headers (seconds) or pcapng EPBs (µs, 64-bit). */
function timestampOffsets(body: Buffer, format: "pcap" | "pcapng"): number[] {
  const out: number[] = [];
  for (let at = 0; at + 16 <= body.length; ) {
    if (format === "pcap") {
      out.push(at);
      at += 16 + body.readUInt32LE(at + 8);
    } else {
      if (body.readUInt32LE(at) === 6) out.push(at + 12);
      at += body.readUInt32LE(at + 4);
    }
  }
  return out;
}

/** The block repeated to `megabytes`; every copy gets its own transaction ids and later timestamps (patched in place). */
export function buildStunCapture(megabytes: number, format: "pcap" | "pcapng" = "pcapng"): Buffer {
  const write = (p: PacketSpec[]) =>
    format === "pcap" ? writePcap(p, { linkType: 1 }) : writePcapng(p, { interfaces: [{ linkType: 1 }] });
  const headerLen = write([]).length;
  const body = write(block()).subarray(headerLen);
  const cookies: number[] = [];
  for (let at = body.indexOf(COOKIE); at >= 0; at = body.indexOf(COOKIE, at + 4)) cookies.push(at);
  const stamps = timestampOffsets(body, format);
  const spanSec = Math.ceil(block().length / 1000) + 1;
  const copies = Math.max(1, Math.ceil((megabytes * 1024 * 1024 - headerLen) / body.length));
  const out = Buffer.allocUnsafe(headerLen + copies * body.length);
  write([]).copy(out, 0);
  for (let c = 0; c < copies; c++) {
    const base = headerLen + c * body.length;
    body.copy(out, base);
    // Transaction id bytes 0–3 sit right after the cookie; the copy number makes them unique.
    for (const at of cookies) out.writeUInt32BE(c, base + at + 4);
    // Time moves on from copy to copy, as in a real capture (transactions time out, T3 settles).
    for (const at of stamps) {
      if (format === "pcap") out.writeUInt32LE(body.readUInt32LE(at) + c * spanSec, base + at);
      else {
        const us =
          ((BigInt(body.readUInt32LE(at)) << 32n) | BigInt(body.readUInt32LE(at + 4))) +
          BigInt(c * spanSec) * 1_000_000n;
        out.writeUInt32LE(Number(us >> 32n), base + at);
        out.writeUInt32LE(Number(us & 0xffffffffn), base + at + 4);
      }
    }
  }
  return out;
}

function timeTshark(capture: Buffer): AnalysisBenchResult["tshark"] {
  const which = spawnSync("sh", ["-c", "command -v tshark"], { encoding: "utf8" });
  if (which.status !== 0)
    return { missing: "tshark is not installed (Debian: apt-get install -y tshark, about 20 MB download)" };
  const dir = mkdtempSync(join(tmpdir(), "edgescope-bench-"));
  try {
    const file = join(dir, "stun.pcapng");
    writeFileSync(file, capture);
    const version = execFileSync("tshark", ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "tshark";
    const started = process.hrtime.bigint();
    const run = spawnSync("tshark", ["-n", "-r", file, "-Y", "stun"], {
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) return { missing: `tshark failed: ${run.stderr?.toString().slice(0, 200)}` };
    return { seconds, mbPerSec: capture.length / (1024 * 1024) / seconds, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchPcapAnalysis(
  options: { megabytes?: number; format?: "pcap" | "pcapng"; tshark?: boolean } = {},
): AnalysisBenchResult {
  const capture = buildStunCapture(options.megabytes ?? 200, options.format ?? "pcapng");
  const started = process.hrtime.bigint();
  const result = analyzePcap(capture);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = capture.length / (1024 * 1024);
  return {
    mb,
    seconds,
    mbPerSec: mb / seconds,
    packets: result.stats.packets,
    stunMessages: result.stats.stunMessages,
    findings: result.findings.map((f) => f.id),
    tshark: options.tshark === false ? { missing: "skipped" } : timeTshark(capture),
  };
}
