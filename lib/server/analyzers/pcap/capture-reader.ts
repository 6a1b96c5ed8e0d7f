import "server-only";
import { ClassicPcapSource } from "./classic-pcap";
import { PcapngSource } from "./pcapng";

// Reads the packet captures people attach when chasing T1/T3 (client, Expressway-E, CMS
// captures filtered on `stun`). Works over a whole Buffer already in memory: captures from
// the field are tens to hundreds of MB, which fits, and random access keeps parsing simple.

/** Link-layer types we know how to decode further (LINKTYPE_* values from tcpdump.org). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export interface CapturePacket {
  /** Capture time in milliseconds since the Unix epoch (fractional part carries µs/ns). */
  ts: number;
  linkType: number;
  /** View into the capture buffer: valid as long as that buffer is, never copied. */
  data: Buffer;
  /** Length on the wire; larger than data.length when the capture used a snap length. */
  origLen: number;
}

export type CaptureFormat = "pcap" | "pcapng";

/** Thrown only when the bytes are not a capture at all; damaged captures are read, not thrown. */
export class CaptureFormatError extends Error {
  override readonly name = "CaptureFormatError";
}

/** What a format-specific parser exposes; the reader adds iteration and the summary. */
export interface PacketSource {
  next(): CapturePacket | null;
  /** The data ended inside a header or a packet. */
  truncated: boolean;
  /** Why reading stopped early or skipped something, in words, or null if it did not. */
  problem: string | null;
}

const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0xa1b2cd34, 0x34cdb2a1]);
const PCAPNG_SHB = 0x0a0d0d0a;

export function detectCaptureFormat(buf: Uint8Array): CaptureFormat | null {
  if (buf.length < 4) return null;
  const magic = ((buf[0]! << 24) | (buf[1]! << 16) | (buf[2]! << 8) | buf[3]!) >>> 0;
  if (PCAP_MAGICS.has(magic)) return "pcap";
  if (magic === PCAPNG_SHB) return "pcapng";
  return null;
}

function describeStart(buf: Uint8Array): string {
  if (buf.length === 0) return "the file is empty";
  const head = buf.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, "0")).join(" ");
  // Printable bytes help people spot "this is a text log / a zip / an HTML error page".
  const text = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
  return `first bytes are ${hex} ("${text}")`;
}

export class CaptureReader implements Iterable<CapturePacket> {
  readonly format: CaptureFormat;
  /** Packets handed out so far. */
  packets = 0;
  private readonly source: PacketSource;

  constructor(input: Uint8Array) {
    // Wrapping shares memory; Buffer.from(Uint8Array) alone would copy.
    const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const format = detectCaptureFormat(buf);
    if (format === null) {
      throw new CaptureFormatError(`not a pcap or pcapng file: ${describeStart(buf)}`);
    }
    this.format = format;
    this.source = format === "pcap" ? new ClassicPcapSource(buf) : new PcapngSource(buf);
  }

  /** True once reading hit the end of the data inside a header or packet. */
  get truncated(): boolean {
    return this.source.truncated;
  }

  /** A sentence on why reading stopped early or skipped data, or null. */
  get problem(): string | null {
    return this.source.problem;
  }

  /** The next packet, or null at the end. Cheaper than the iterator in hot loops. */
  next(): CapturePacket | null {
    const packet = this.source.next();
    if (packet !== null) this.packets++;
    return packet;
  }

  *[Symbol.iterator](): Iterator<CapturePacket> {
    for (let p = this.next(); p !== null; p = this.next()) yield p;
  }
}

/** Opens a capture; throws CaptureFormatError if the bytes are neither pcap nor pcapng. */
export function readCapture(input: Uint8Array): CaptureReader {
  return new CaptureReader(input);
}
