import "server-only";
import type { CapturePacket, PacketSource } from "./capture-reader";

// pcapng (draft-ietf-opsawg-pcapng): a chain of blocks framed as type, total length, body,
// total length again. Each Section Header Block fixes the byte order for what follows and
// starts a fresh interface list; packets refer to an interface for link type and clock.

const SHB = 0x0a0d0d0a;
const IDB = 1;
const OPB = 2; // obsolete Packet Block, still written by old tools
const SPB = 3;
const EPB = 6;
const OPT_END = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per millisecond, from if_tsresol (default microseconds). */
  unitsPerMs: number;
  /** if_tsoffset in milliseconds: some writers store timestamps relative to it. */
  offsetMs: number;
}

export class PcapngSource implements PacketSource {
  truncated = false;
  problem: string | null = null;
  private readonly buf: Buffer;
  private readonly view: DataView;
  private le = false;
  private interfaces: Interface[] = [];
  private offset = 0;
  private done = false;
  /** Simple Packet Blocks carry no time; they inherit the last one seen so order holds. */
  private lastTs = 0;

  constructor(buf: Buffer) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  next(): CapturePacket | null {
    const { buf, view } = this;
    // Each turn consumes one whole block or stops, so this always ends.
    while (!this.done) {
      const start = this.offset;
      const remaining = buf.length - start;
      if (remaining === 0) {
        this.done = true;
        return null;
      }
      if (remaining < 12) return this.stop(true, `the capture ends inside a block header at byte ${start}`);
      const type = view.getUint32(start, this.le);
      if (type === SHB) {
        const order = view.getUint32(start + 8, false);
        if (order === 0x1a2b3c4d) this.le = false;
        else if (order === 0x4d3c2b1a) this.le = true;
        else return this.stop(false, `section header at byte ${start} has an unknown byte-order mark`);
      }
      const le = this.le;
      const blockLen = view.getUint32(start + 4, le);
      if (blockLen < 12 || blockLen % 4 !== 0) {
        return this.stop(false, `block at byte ${start} claims an impossible length ${blockLen}`);
      }
      if (blockLen > remaining) {
        return this.stop(true, `the capture ends inside a ${blockLen}-byte block at byte ${start}`);
      }
      if (view.getUint32(start + blockLen - 4, le) !== blockLen) {
        return this.stop(false, `block at byte ${start} has mismatched length fields`);
      }
      this.offset = start + blockLen;
      if (type === EPB || type === OPB) {
        const packet = this.enhancedPacket(start, blockLen, type === OPB);
        if (packet !== null) return packet;
      } else if (type === SPB) {
        const packet = this.simplePacket(start, blockLen);
        if (packet !== null) return packet;
      } else if (type === IDB) {
        this.interfaceDescription(start, blockLen);
      } else if (type === SHB) {
        if (blockLen < 28) return this.stop(false, `section header at byte ${start} is too short`);
        this.interfaces = [];
      }
      // Anything else (statistics, name resolution, custom, decryption secrets) is skipped.
    }
    return null;
  }

  private enhancedPacket(start: number, blockLen: number, obsolete: boolean): CapturePacket | null {
    const { view, le } = this;
    if (blockLen < 32) return this.skip(`packet block at byte ${start} is too short`);
    const ifId = obsolete ? view.getUint16(start + 8, le) : view.getUint32(start + 8, le);
    const iface = this.interfaces[ifId];
    if (iface === undefined) return this.skip(`packet at byte ${start} names unknown interface ${ifId}`);
    const capLen = view.getUint32(start + 20, le);
    const origLen = view.getUint32(start + 24, le);
    if (capLen > blockLen - 32) {
      return this.skip(`packet at byte ${start} claims ${capLen} bytes but its block holds ${blockLen - 32}`);
    }
    const units = view.getUint32(start + 12, le) * 4294967296 + view.getUint32(start + 16, le);
    const ts = units / iface.unitsPerMs + iface.offsetMs;
    this.lastTs = ts;
    return {
      ts,
      linkType: iface.linkType,
      data: this.buf.subarray(start + 28, start + 28 + capLen),
      origLen: origLen < capLen ? capLen : origLen,
    };
  }

  private simplePacket(start: number, blockLen: number): CapturePacket | null {
    if (blockLen < 16) return this.skip(`simple packet block at byte ${start} is too short`);
    const iface = this.interfaces[0];
    if (iface === undefined) return this.skip(`simple packet at byte ${start} precedes any interface`);
    const origLen = this.view.getUint32(start + 8, this.le);
    // The captured length is implied: the smallest of the wire length, the room in the
    // block and the interface snap length (0 means unlimited).
    let capLen = Math.min(origLen, blockLen - 16);
    if (iface.snapLen > 0 && iface.snapLen < capLen) capLen = iface.snapLen;
    return {
      ts: this.lastTs,
      linkType: iface.linkType,
      data: this.buf.subarray(start + 12, start + 12 + capLen),
      origLen: origLen < capLen ? capLen : origLen,
    };
  }

  private interfaceDescription(start: number, blockLen: number): void {
    const { view, le } = this;
    if (blockLen < 20) {
      this.note(`interface block at byte ${start} is too short`);
      // Still occupy the slot so later interface numbers keep pointing at the right one.
      this.interfaces.push({ linkType: -1, snapLen: 0, unitsPerMs: 1e3, offsetMs: 0 });
      return;
    }
    const iface: Interface = {
      linkType: view.getUint16(start + 8, le),
      snapLen: view.getUint32(start + 12, le),
      unitsPerMs: 1e3,
      offsetMs: 0,
    };
    const end = start + blockLen - 4;
    let pos = start + 16;
    while (pos + 4 <= end) {
      const code = view.getUint16(pos, le);
      const len = view.getUint16(pos + 2, le);
      if (code === OPT_END || pos + 4 + len > end) break;
      if (code === IF_TSRESOL && len >= 1) {
        const v = view.getUint8(pos + 4);
        // High bit set: a power of two; clear: a power of ten (units per second).
        const unitsPerSec = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        iface.unitsPerMs = unitsPerSec / 1000;
      } else if (code === IF_TSOFFSET && len >= 8) {
        iface.offsetMs = Number(view.getBigInt64(pos + 4, le)) * 1000;
      }
      pos += 4 + ((len + 3) & ~3);
    }
    this.interfaces.push(iface);
  }

  private note(problem: string): void {
    // Keep the first: later ones are usually consequences of it.
    if (this.problem === null) this.problem = problem;
  }

  private skip(problem: string): null {
    this.note(problem);
    return null;
  }

  private stop(truncated: boolean, problem: string): null {
    this.done = true;
    this.truncated = truncated;
    this.note(problem);
    return null;
  }
}
