import { readCapture } from "@/lib/server/analyzers/pcap/capture-reader";
import { decodeFrame, TcpFlag } from "@/lib/server/analyzers/pcap/packet-decoder";
import { TcpStunReassembler } from "@/lib/server/analyzers/pcap/tcp-stream";
import {
  ethernet,
  ipv4,
  ipv6,
  stunMessage,
  tcp,
  udp,
  writePcap,
  writePcapng,
  type PacketSpec,
} from "../support/pcap-builders";

// Throughput check for the reader: the yardstick is `tshark -Y stun` on the same capture.
// Run with `npm run bench` (tests/bench/pcap.bench.ts, P5), or by hand:
//   npx tsx --conditions=react-server -e \
//     'import("./tests/bench/pcap-reader-work.ts").then(m => m.benchCaptureReader()).then(console.log)'

export interface BenchResult {
  mb: number;
  seconds: number;
  mbPerSec: number;
  packets: number;
  /** STUN messages found (UDP and reassembled TCP), to show the work was really done. */
  stun: number;
}

/** About 1 MB of traffic shaped like an Expressway-E capture during a call (T1/T3). */
function sampleTraffic(): PacketSpec[] {
  const packets: PacketSpec[] = [];
  const media = Buffer.alloc(1160, 0x80);
  const tls = Buffer.alloc(1380, 0x17);
  let seq = 1;
  for (let i = 0; packets.length < 1600; i++) {
    const ts = 1_700_000_000_000 + i * 0.02;
    const port = 24000 + (i % 50);
    if (i % 10 < 4) {
      const binding = stunMessage(0x0001, i, Buffer.alloc(60, 1));
      packets.push({
        ts,
        data: ethernet(ipv4("192.0.2.10", "203.0.113.5", 17, udp(50000, port, binding)), 0x0800, [10]),
      });
    } else if (i % 10 < 8) {
      const v6 = i % 10 === 7;
      const ip = v6
        ? ipv6("2001:db8::10", "2001:db8::5", 17, udp(50002, port, media))
        : ipv4("10.0.0.36", "198.51.100.7", 17, udp(3478, port, media));
      packets.push({ ts, data: ethernet(ip, v6 ? 0x86dd : 0x0800) });
    } else if (i % 10 === 8) {
      packets.push({
        ts,
        data: ethernet(ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50001, 443, 1000 + i * 1380, TcpFlag.ACK, tls))),
      });
    } else {
      const msg = stunMessage(0x0003, i, Buffer.alloc(40, 2));
      packets.push({
        ts,
        data: ethernet(ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50003, 3478, seq, TcpFlag.ACK, msg))),
      });
      seq += msg.length;
    }
  }
  return packets;
}

/** Repeats the sample to the requested size; the repeats cost nothing to build. */
function buildCapture(megabytes: number, format: "pcap" | "pcapng"): Buffer {
  const sample = sampleTraffic();
  const write = (packets: PacketSpec[]) =>
    format === "pcap" ? writePcap(packets, { linkType: 1 }) : writePcapng(packets, { interfaces: [{ linkType: 1 }] });
  const whole = write(sample);
  const headerLen = write([]).length;
  const head = whole.subarray(0, headerLen);
  const body = whole.subarray(headerLen);
  const copies = Math.max(1, Math.ceil((megabytes * 1024 * 1024 - headerLen) / body.length));
  return Buffer.concat([head, ...Array<Buffer>(copies).fill(body)]);
}

export async function benchCaptureReader(
  options: { megabytes?: number; format?: "pcap" | "pcapng" } = {},
): Promise<BenchResult> {
  const capture = buildCapture(options.megabytes ?? 100, options.format ?? "pcapng");
  let stun = 0;
  // TCP repeats of the sample replay old sequence numbers; they are retransmissions to it,
  // which is fine for timing and keeps the result honest about duplicate handling.
  const streams = new TcpStunReassembler(() => stun++);
  const started = process.hrtime.bigint();
  const reader = readCapture(capture);
  for (let p = reader.next(); p !== null; p = reader.next()) {
    const d = decodeFrame(p.linkType, p.data);
    if (d === null) continue;
    if (d.proto === "tcp") {
      streams.push(d, p.ts);
    } else {
      const b = d.payload;
      if (b.length >= 20 && b[0]! < 0x40 && b.readUInt32BE(4) === 0x2112a442) stun++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (reader.problem !== null) throw new Error(`benchmark capture is malformed: ${reader.problem}`);
  const mb = capture.length / (1024 * 1024);
  return { mb, seconds, mbPerSec: mb / seconds, packets: reader.packets, stun };
}
