import { describe, expect, it } from "vitest";
import { readCapture } from "@/lib/server/analyzers/pcap/capture-reader";
import { decodePacket, TcpFlag, type DecodedPacket } from "@/lib/server/analyzers/pcap/packet-decoder";
import { TcpStunReassembler, type TcpReassemblerOptions } from "@/lib/server/analyzers/pcap/tcp-stream";
import { ethernet, ipv4, stunMessage, tcp, writePcapng } from "../support/pcap-builders";

const CLIENT = "192.0.2.10";
const EXPE = "203.0.113.5";
const KEY = `${CLIENT}:50000 > ${EXPE}:3478`;
const ISN = 0xfffffff0; // close to wrap-around, so sequence arithmetic must be modular

const allocate = stunMessage(0x0003, 1, Buffer.from("USERNAME cmsturn REALM TANDBERG"));
const binding = stunMessage(0x0001, 2);
const refresh = stunMessage(0x0004, 3, Buffer.alloc(40, 0xab));
const channelData = Buffer.from([0x40, 0x00, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0]); // padded to 4 on TCP
const stream = Buffer.concat([allocate, binding, channelData, refresh]);

function seg(offset: number, data: Buffer, flags: number = TcpFlag.ACK): DecodedPacket {
  return {
    src: CLIENT,
    dst: EXPE,
    srcPort: 50000,
    dstPort: 3478,
    proto: "tcp",
    payload: data,
    seq: (ISN + 1 + offset) >>> 0,
    tcpFlags: flags,
  };
}
const syn: DecodedPacket = { ...seg(-1, Buffer.alloc(0), TcpFlag.SYN) };

function run(segments: DecodedPacket[], options?: TcpReassemblerOptions) {
  const got: { key: string; msg: Buffer; ts: number }[] = [];
  const r = new TcpStunReassembler((key, msg, ts) => got.push({ key, msg: Buffer.from(msg), ts }), options);
  segments.forEach((s, i) => r.push(s, i));
  return { got, r };
}

/** Cuts the stream at the given offsets into segments. */
function cut(...at: number[]): DecodedPacket[] {
  const bounds = [0, ...at, stream.length];
  return bounds.slice(0, -1).map((start, i) => seg(start, stream.subarray(start, bounds[i + 1])));
}

const junk = Buffer.from("\x16\x03\x01 a TLS-looking record, not STUN");
const STUN_ONLY = [allocate, binding, refresh];

describe("TCP reassembly for STUN over TCP", () => {
  const [a, b, c] = cut(30, 70);
  it.each([
    { name: "one segment", segments: [syn, seg(0, stream)], want: STUN_ONLY },
    { name: "a message split across two segments", segments: [syn, ...cut(30)], want: STUN_ONLY },
    {
      name: "every byte its own segment",
      segments: [syn, ...cut(...Array.from({ length: stream.length - 1 }, (_, i) => i + 1))],
      want: STUN_ONLY,
    },
    { name: "an out-of-order segment", segments: [syn, a!, c!, b!], want: STUN_ONLY },
    { name: "a retransmitted segment", segments: [syn, a!, a!, b!, b!, c!], want: STUN_ONLY },
    {
      name: "an overlapping retransmission",
      segments: [syn, a!, seg(10, stream.subarray(10, 90)), c!],
      want: STUN_ONLY,
    },
    { name: "no SYN, starting mid-message", segments: [seg(5, stream.subarray(5))], want: [binding, refresh] },
    { name: "non-STUN data before STUN", segments: [syn, seg(0, junk), seg(junk.length, allocate)], want: [allocate] },
  ])("$name", ({ segments, want }) => {
    const { got } = run(segments);
    expect(got.map((g) => g.msg.toString("hex"))).toEqual(want.map((m) => m.toString("hex")));
    expect(got.every((g) => g.key === KEY)).toBe(true);
  });

  it("stamps a message with the time of the segment that completed it", () => {
    const { got } = run([syn, ...cut(30)]);
    expect(got.map((g) => g.ts)).toEqual([2, 2, 2]);
  });

  it("emits ChannelData frames when asked", () => {
    const { got } = run([syn, ...cut(50)], { channelData: true });
    expect(got.map((g) => g.msg.length)).toEqual([allocate.length, binding.length, channelData.length, refresh.length]);
  });

  it("gives up on a gap that never fills and picks up at the next message", () => {
    const parts = cut(10, 20, 30, 40, 50, 60, 70, 80);
    const lost = parts.splice(1, 1);
    expect(lost).toHaveLength(1);
    const { got } = run([syn, ...parts], { maxPendingSegments: 3 });
    expect(got.map((g) => g.msg.toString("hex"))).toEqual([binding.toString("hex"), refresh.toString("hex")]);
  });

  it("forgets a connection on RST and FIN, and bounds the number of flows", () => {
    const { r } = run([syn, seg(0, stream.subarray(0, 10)), seg(10, Buffer.alloc(0), TcpFlag.RST)]);
    expect(r.flowCount).toBe(0);
    const fin = run([syn, seg(0, stream.subarray(0, 10), TcpFlag.FIN | TcpFlag.ACK)]);
    expect(fin.r.flowCount).toBe(0);
    const many = new TcpStunReassembler(() => {}, { maxFlows: 5 });
    for (let port = 1; port <= 50; port++) many.push({ ...seg(0, binding.subarray(0, 4)), srcPort: port }, 0);
    expect(many.flowCount).toBe(5);
  });

  it("does not grow without bound on a long non-STUN stream", () => {
    const got: Buffer[] = [];
    const r = new TcpStunReassembler((_k, m) => got.push(m), { maxBufferedBytes: 4096 });
    const filler = Buffer.alloc(1400, 0x17);
    for (let i = 0; i < 2000; i++) r.push(seg(i * 1400, filler), i);
    // A huge claimed length (65535) must not make it wait forever either.
    r.push(seg(2000 * 1400, Buffer.from([0, 1, 0xff, 0xfc, 0x21, 0x12, 0xa4, 0x42])), 0);
    for (let i = 0; i < 100; i++) r.push(seg(2000 * 1400 + 8 + i * 1400, filler), i);
    r.push(seg(2100 * 1400 + 8, binding), 0);
    expect(got.map((m) => m.toString("hex"))).toEqual([binding.toString("hex")]);
    const buffered = (r as unknown as { flows: Map<string, { buf: Buffer | null }> }).flows.get(KEY)?.buf?.length ?? 0;
    expect(buffered).toBeLessThanOrEqual(4096);
  });

  it("bounds partial-message memory across all flows", () => {
    const big = stunMessage(0x0003, 5, Buffer.alloc(3000));
    const r = new TcpStunReassembler(() => {}, { maxTotalBytes: 64 * 1024 });
    for (let port = 1; port <= 200; port++) {
      r.push({ ...syn, srcPort: port }, 0);
      r.push({ ...seg(0, big.subarray(0, 2000)), srcPort: port }, 0);
    }
    const owned = (r as unknown as { owned: number }).owned;
    expect(owned).toBeLessThanOrEqual(64 * 1024 + 4096);
    expect(r.flowCount).toBeLessThan(200);
  });

  it("reassembles from a capture file end to end", () => {
    const frame = (s: DecodedPacket) =>
      ethernet(ipv4(s.src, s.dst, 6, tcp(s.srcPort, s.dstPort, s.seq, s.tcpFlags, s.payload)));
    const file = writePcapng(
      [syn, a!, c!, b!].map((s, i) => ({ ts: 1_700_000_000_000 + i, data: frame(s) })),
      { interfaces: [{ linkType: 1 }] },
    );
    const messages: Buffer[] = [];
    const r = new TcpStunReassembler((_k, m) => messages.push(m));
    for (const p of readCapture(file)) {
      const d = decodePacket(p);
      if (d !== null) r.push(d, p.ts);
    }
    expect(messages.map((m) => m.readUInt16BE(0))).toEqual([0x0003, 0x0001, 0x0004]);
  });
});
