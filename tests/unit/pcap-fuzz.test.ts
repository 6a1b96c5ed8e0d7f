import { describe, expect, it } from "vitest";
import { CaptureFormatError, detectCaptureFormat, readCapture } from "@/lib/server/analyzers/pcap/capture-reader";
import { decodePacket, TcpFlag } from "@/lib/server/analyzers/pcap/packet-decoder";
import { TcpStunReassembler } from "@/lib/server/analyzers/pcap/tcp-stream";
import { ethernet, ipv4, ipv6, sll2, stunMessage, tcp, udp, writePcap, writePcapng } from "../support/pcap-builders";

// Mutated and truncated captures must never throw (other than CaptureFormatError for a bad
// magic) and must always finish: field captures arrive damaged and must not hang a request.

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

const stun = stunMessage(0x0003, 9, Buffer.alloc(24, 7));
const frames = [
  ethernet(ipv4("192.0.2.10", "203.0.113.5", 17, udp(50000, 3478, stun)), 0x0800, [42]),
  ethernet(ipv6("2001:db8::1", "2001:db8::2", 17, udp(50001, 3478, stun), [[0, Buffer.alloc(6)]]), 0x86dd),
  ethernet(ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50002, 3478, 100, TcpFlag.SYN, Buffer.alloc(0)))),
  ethernet(ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50002, 3478, 101, TcpFlag.ACK, stun.subarray(0, 30)))),
  ethernet(ipv4("192.0.2.10", "203.0.113.5", 6, tcp(50002, 3478, 131, TcpFlag.ACK, stun.subarray(30)))),
];
const specs = frames.map((data, i) => ({ ts: 1_700_000_000_000 + i, data, iface: i % 2 }));
const bases = {
  pcap: writePcap(specs, { linkType: 1 }),
  pcapBE: writePcap(specs, { linkType: 1, littleEndian: false, nanos: true }),
  pcapng: Buffer.concat([
    writePcapng(specs, { interfaces: [{ linkType: 1 }, { linkType: 1, tsresol: 9 }], unknownBlock: true }),
    writePcapng([{ ts: 0, data: sll2(frames[0]!.subarray(14)) }], {
      interfaces: [{ linkType: 276 }],
      littleEndian: false,
    }),
  ]),
};

function mutate(base: Buffer, rand: () => number): Buffer {
  let buf = Buffer.from(base);
  const ops = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rand() * buf.length);
    switch (Math.floor(rand() * 5)) {
      case 0: // flip bits
        for (let i = 0; i < 1 + rand() * 8; i++) buf[Math.floor(rand() * buf.length)]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1: {
        // plant a lying length: huge, zero, tiny or random, aligned or not
        const values = [0xffffffff, 0, 12, 0x7ffffffc, Math.floor(rand() * 2 ** 32), Math.floor(rand() * 256)];
        if (at + 4 <= buf.length) buf.writeUInt32LE(values[Math.floor(rand() * values.length)]!, at);
        break;
      }
      case 2: // truncate
        buf = buf.subarray(0, at);
        break;
      case 3: // delete a range
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + Math.floor(rand() * 64))]);
        break;
      default: // duplicate a range
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at, at + Math.floor(rand() * 64)), buf.subarray(at)]);
    }
  }
  return buf;
}

describe("fuzzed captures", () => {
  it.each(Object.entries(bases))("%s: 2000 mutations read without hanging or unexpected errors", (name, base) => {
    const rand = prng(name.length * 7919);
    let read = 0;
    let rejected = 0;
    for (let i = 0; i < 2000; i++) {
      const buf = mutate(base, rand);
      try {
        const reader = readCapture(buf);
        const tcpStreams = new TcpStunReassembler(() => {});
        let n = 0;
        for (const p of reader) {
          // Every packet consumes at least a 12-byte header, so more than this is a loop.
          if (++n > buf.length / 12) throw new Error(`iteration ${i}: too many packets, reader is looping`);
          const decoded = decodePacket(p);
          if (decoded !== null) tcpStreams.push(decoded, p.ts);
        }
        read++;
      } catch (err) {
        if (!(err instanceof CaptureFormatError) || detectCaptureFormat(buf) !== null) {
          throw new Error(`iteration ${i} of ${name}: unexpected ${String(err)}`);
        }
        rejected++;
      }
    }
    // Most mutations keep the magic; the few that hit it must be the only rejections.
    expect(read).toBeGreaterThan(1500);
    expect(read + rejected).toBe(2000);
  });

  it("handles every truncation point of a valid capture", () => {
    for (const base of Object.values(bases)) {
      for (let len = 4; len < base.length; len++) {
        const reader = readCapture(base.subarray(0, len));
        for (const p of reader) decodePacket(p);
        expect(reader.problem === null || reader.truncated).toBe(true);
      }
    }
  });
});
