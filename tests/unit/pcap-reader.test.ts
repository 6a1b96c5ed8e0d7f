import { describe, expect, it } from "vitest";
import {
  CaptureFormatError,
  LinkType,
  readCapture,
  type CapturePacket,
} from "@/lib/server/analyzers/pcap/capture-reader";
import { decodePacket } from "@/lib/server/analyzers/pcap/packet-decoder";
import {
  ethernet,
  ipv4,
  ipv6,
  stunMessage,
  udp,
  writePcap,
  writePcapng,
  type PacketSpec,
} from "../support/pcap-builders";

const T0 = 1_700_000_000_123.456; // ms, with a sub-millisecond part to check resolutions
const binding = stunMessage(0x0001, 1);
const ethUdp = ethernet(ipv4("192.0.2.10", "203.0.113.5", 17, udp(50000, 3478, binding)));
const rawV6 = ipv6("2001:db8::10", "2001:db8::5", 17, udp(50001, 3478, binding));
const rawV4 = ipv4("198.51.100.7", "10.0.0.36", 17, udp(3478, 24000, binding));

function readAll(buf: Buffer): { packets: CapturePacket[]; truncated: boolean; problem: string | null } {
  const reader = readCapture(buf);
  const packets = [...reader];
  return { packets, truncated: reader.truncated, problem: reader.problem };
}

interface Case {
  name: string;
  file: Buffer;
  format: "pcap" | "pcapng";
  expected: { ts: number; linkType: number; src: string }[];
  /** Tolerance in ms: what the file's timestamp resolution can represent. */
  precision: number;
}

const specs: PacketSpec[] = [
  { ts: T0, data: ethUdp },
  { ts: T0 + 20.5, data: ethUdp },
];

const cases: Case[] = [
  {
    name: "classic pcap, little-endian, microseconds",
    file: writePcap(specs, { linkType: LinkType.ETHERNET, littleEndian: true }),
    format: "pcap",
    expected: specs.map((s) => ({ ts: s.ts, linkType: 1, src: "192.0.2.10" })),
    precision: 1e-3,
  },
  {
    name: "classic pcap, big-endian, microseconds",
    file: writePcap(specs, { linkType: LinkType.ETHERNET, littleEndian: false }),
    format: "pcap",
    expected: specs.map((s) => ({ ts: s.ts, linkType: 1, src: "192.0.2.10" })),
    precision: 1e-3,
  },
  {
    name: "classic pcap, nanoseconds",
    file: writePcap([{ ts: T0 + 0.000_789, data: rawV4 }], { linkType: LinkType.RAW, nanos: true }),
    format: "pcap",
    expected: [{ ts: T0 + 0.000_789, linkType: 101, src: "198.51.100.7" }],
    precision: 1e-5,
  },
  {
    name: "pcapng, two interfaces with different link types and tsresol",
    file: writePcapng(
      [
        { ts: T0, data: ethUdp, iface: 0 },
        { ts: T0 + 1.000_001, data: rawV6, iface: 1 },
        { ts: T0 + 2, data: ethUdp, iface: 0 },
      ],
      { interfaces: [{ linkType: LinkType.ETHERNET }, { linkType: LinkType.IPV6, tsresol: 9 }], unknownBlock: true },
    ),
    format: "pcapng",
    expected: [
      { ts: T0, linkType: 1, src: "192.0.2.10" },
      { ts: T0 + 1.000_001, linkType: 229, src: "2001:db8::10" },
      { ts: T0 + 2, linkType: 1, src: "192.0.2.10" },
    ],
    precision: 1e-3,
  },
  {
    name: "pcapng, big-endian, power-of-two resolution",
    file: writePcapng([{ ts: T0, data: rawV4 }], {
      interfaces: [{ linkType: LinkType.IPV4, tsresol: 0x94 }],
      littleEndian: false,
    }),
    format: "pcapng",
    expected: [{ ts: T0, linkType: 228, src: "198.51.100.7" }],
    precision: 1e-3,
  },
  {
    name: "pcapng, simple packet blocks",
    file: writePcapng([{ ts: 0, data: ethUdp }], { interfaces: [{ linkType: LinkType.ETHERNET }], simple: true }),
    format: "pcapng",
    expected: [{ ts: 0, linkType: 1, src: "192.0.2.10" }],
    precision: 0,
  },
];

describe("capture reader", () => {
  it.each(cases)("$name", ({ file, format, expected, precision }) => {
    const reader = readCapture(file);
    expect(reader.format).toBe(format);
    const packets = [...reader];
    expect(reader.truncated).toBe(false);
    expect(reader.problem).toBeNull();
    expect(packets).toHaveLength(expected.length);
    packets.forEach((p, i) => {
      const want = expected[i]!;
      expect(Math.abs(p.ts - want.ts)).toBeLessThanOrEqual(precision);
      expect(p.linkType).toBe(want.linkType);
      expect(p.origLen).toBe(p.data.length);
      // A view into the file, not a copy.
      expect(p.data.buffer).toBe(file.buffer);
      expect(decodePacket(p)?.src).toBe(want.src);
    });
  });

  it("reports origLen from the wire when the capture was snapped", () => {
    const file = writePcap([{ ts: T0, data: ethUdp.subarray(0, 60), origLen: ethUdp.length }], { linkType: 1 });
    const [p] = readAll(file).packets;
    expect(p?.data.length).toBe(60);
    expect(p?.origLen).toBe(ethUdp.length);
  });

  it("starts a fresh interface list at a second section", () => {
    const a = writePcapng([{ ts: T0, data: ethUdp }], { interfaces: [{ linkType: 1 }] });
    const b = writePcapng([{ ts: T0, data: rawV4 }], { interfaces: [{ linkType: 228 }], littleEndian: false });
    const { packets, problem } = readAll(Buffer.concat([a, b]));
    expect(packets.map((p) => p.linkType)).toEqual([1, 228]);
    expect(problem).toBeNull();
  });

  it("accepts a plain Uint8Array without copying", () => {
    const file = writePcap(specs, { linkType: 1 });
    const u8 = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    const [p] = [...readCapture(u8)];
    expect(p?.data.buffer).toBe(file.buffer);
  });
});

describe("damaged and foreign files", () => {
  const pcap = writePcap(specs, { linkType: 1 });
  const pcapng = writePcapng(specs, { interfaces: [{ linkType: 1 }] });
  const recordLen = 16 + ethUdp.length;
  const epbLen = 32 + ((ethUdp.length + 3) & ~3);
  const pcapngHead = pcapng.length - 2 * epbLen;

  it.each([
    { name: "pcap cut mid record header", file: pcap.subarray(0, 24 + recordLen + 5), packets: 1, truncated: true },
    { name: "pcap cut mid packet", file: pcap.subarray(0, 24 + recordLen + 30), packets: 1, truncated: true },
    { name: "pcap cut at a packet boundary", file: pcap.subarray(0, 24 + recordLen), packets: 1, truncated: false },
    { name: "pcap cut inside the file header", file: pcap.subarray(0, 10), packets: 0, truncated: true },
    { name: "pcapng cut mid block", file: pcapng.subarray(0, pcapngHead + epbLen + 40), packets: 1, truncated: true },
    {
      name: "pcapng cut mid block header",
      file: pcapng.subarray(0, pcapngHead + epbLen + 6),
      packets: 1,
      truncated: true,
    },
    {
      name: "pcapng cut at a block boundary",
      file: pcapng.subarray(0, pcapngHead + epbLen),
      packets: 1,
      truncated: false,
    },
  ])("$name", ({ file, packets, truncated }) => {
    const result = readAll(file);
    expect(result.packets).toHaveLength(packets);
    expect(result.truncated).toBe(truncated);
    if (truncated) expect(result.problem).toMatch(/ends inside|cut short/);
  });

  it("skips a packet naming an unknown interface and says so", () => {
    const file = writePcapng(
      [
        { ts: T0, data: ethUdp, iface: 3 },
        { ts: T0, data: ethUdp },
      ],
      { interfaces: [{ linkType: 1 }] },
    );
    const result = readAll(file);
    expect(result.packets).toHaveLength(1);
    expect(result.problem).toMatch(/unknown interface 3/);
  });

  it.each([
    { name: "longer than the file", length: 0xfffc, truncated: true, problem: /ends inside a 65532-byte block/ },
    { name: "not a multiple of 4", length: 0xffff, truncated: false, problem: /impossible length 65535/ },
    { name: "disagreeing with its trailer", length: epbLen + 4, truncated: false, problem: /mismatched length/ },
  ])("stops at a block with a length $name", ({ length, truncated, problem }) => {
    const file = Buffer.from(pcapng);
    file.writeUInt32LE(length, pcapngHead + 4);
    const result = readAll(file);
    expect(result.packets).toHaveLength(0);
    expect(result.truncated).toBe(truncated);
    expect(result.problem).toMatch(problem);
  });

  it.each([
    { name: "text", file: Buffer.from("2024-01-01 12:00:00 INFO call 1 ICE failure"), shown: '"2024-01-"' },
    { name: "zip", file: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), shown: "50 4b 03 04" },
    { name: "empty", file: Buffer.alloc(0), shown: "empty" },
    { name: "three bytes", file: Buffer.from([0xa1, 0xb2, 0xc3]), shown: "a1 b2 c3" },
  ])("rejects a $name file with a readable CaptureFormatError", ({ file, shown }) => {
    expect(() => readCapture(file)).toThrow(CaptureFormatError);
    expect(() => readCapture(file)).toThrow(/^not a pcap or pcapng file: /);
    expect(() => readCapture(file)).toThrow(shown);
  });
});
