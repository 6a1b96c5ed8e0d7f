import "server-only";
import type { CapturePacket, PacketSource } from "./capture-reader";

// Classic libpcap format: a 24-byte file header, then 16-byte record headers each followed
// by the captured bytes. The magic number tells the writer's byte order and whether the
// sub-second field counts micro- or nanoseconds.

const FILE_HEADER = 24;

export class ClassicPcapSource implements PacketSource {
  truncated = false;
  problem: string | null = null;
  private readonly buf: Buffer;
  private readonly view: DataView;
  private readonly le: boolean;
  private readonly linkType: number;
  /** Divides the sub-second field into milliseconds. */
  private readonly fracPerMs: number;
  /** Kuznetzov's patched libpcap wrote 8 extra bytes (ifindex, protocol, type) per record. */
  private readonly recordHeader: number;
  private offset = FILE_HEADER;
  private done = false;

  constructor(buf: Buffer) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const magicBE = this.view.getUint32(0, false);
    // The magic reads as itself in the writer's byte order, so seeing it big-endian means BE.
    this.le = magicBE === 0xd4c3b2a1 || magicBE === 0x4d3cb2a1 || magicBE === 0x34cdb2a1;
    const magic = this.view.getUint32(0, this.le);
    this.fracPerMs = magic === 0xa1b23c4d ? 1e6 : 1e3;
    this.recordHeader = magic === 0xa1b2cd34 ? 24 : 16;
    if (buf.length < FILE_HEADER) {
      this.truncated = true;
      this.problem = `the pcap file header is cut short (${buf.length} of ${FILE_HEADER} bytes)`;
      this.done = true;
      this.linkType = -1;
      return;
    }
    // The upper bits of the link-type field carry FCS-length flags, not the type.
    this.linkType = this.view.getUint32(20, this.le) & 0xffff;
  }

  next(): CapturePacket | null {
    if (this.done) return null;
    const { buf, view, le } = this;
    const start = this.offset;
    const remaining = buf.length - start;
    if (remaining === 0) {
      this.done = true;
      return null;
    }
    if (remaining < this.recordHeader) {
      return this.stop(true, `the capture ends inside a packet header at byte ${start}`);
    }
    const sec = view.getUint32(start, le);
    const frac = view.getUint32(start + 4, le);
    const inclLen = view.getUint32(start + 8, le);
    const origLen = view.getUint32(start + 12, le);
    const dataStart = start + this.recordHeader;
    // Compared against what is left, never trusted on its own, so a lying length cannot
    // make us read past the end or allocate anything.
    if (inclLen > buf.length - dataStart) {
      return this.stop(true, `the capture ends inside packet ${inclLen} bytes long at byte ${start}`);
    }
    this.offset = dataStart + inclLen;
    return {
      ts: sec * 1000 + frac / this.fracPerMs,
      linkType: this.linkType,
      data: buf.subarray(dataStart, dataStart + inclLen),
      origLen: origLen < inclLen ? inclLen : origLen,
    };
  }

  private stop(truncated: boolean, problem: string): null {
    this.done = true;
    this.truncated = truncated;
    this.problem = problem;
    return null;
  }
}
