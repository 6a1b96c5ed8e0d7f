import "server-only";
import { TcpFlag, type DecodedPacket } from "./packet-decoder";

// Just enough TCP reassembly to read STUN/TURN over TCP (the `tcpPortNumberOverride` case in
// C5/R6): messages sit back to back in the byte stream, each a 20-byte header whose 16-bit
// length counts the rest. TURN ChannelData frames (RFC 8656 §12) may be interleaved and are
// padded to 4 bytes on TCP. Not a general TCP stack: no windows, no SACK, no urgent data.

/** `message` may be a view into the capture buffer; copy it to keep it past that buffer. */
export type TcpMessageCallback = (flowKey: string, message: Buffer, ts: number) => void;

export interface TcpReassemblerOptions {
  /** Per direction: partial-message bytes plus out-of-order segments held (default 256 KiB). */
  maxBufferedBytes?: number;
  /** Per direction: out-of-order segments held before the gap is given up (default 64). */
  maxPendingSegments?: number;
  /** Directions tracked at once; the oldest is dropped beyond this (default 10 000). */
  maxFlows?: number;
  /** Partial-message bytes held across all flows; oldest flows go beyond it (default 64 MiB). */
  maxTotalBytes?: number;
  /** Also emit TURN ChannelData frames (media), not only STUN messages. */
  channelData?: boolean;
}

type Segment = { seq: number; data: Buffer; ts: number };

interface Direction {
  nextSeq: number;
  /** Bytes of an incomplete message, owned (copied) because segments may be views. */
  buf: Buffer | null;
  used: number;
  pending: Segment[];
  pendingBytes: number;
  /** Framing was lost (capture started mid-stream, a gap, non-STUN data): hunt for a header. */
  resync: boolean;
}

const MAGIC_COOKIE = Buffer.from([0x21, 0x12, 0xa4, 0x42]);
/** Bytes kept while hunting for a header: one short of cookie-plus-prefix, so no match is missed. */
const HUNT_TAIL = 7;

/** Names one direction of a connection, e.g. "192.0.2.10:50123 > 203.0.113.5:3478". */
export function tcpFlowKey(src: string, srcPort: number, dst: string, dstPort: number): string {
  const s = src.includes(":") ? `[${src}]` : src;
  const d = dst.includes(":") ? `[${dst}]` : dst;
  return `${s}:${srcPort} > ${d}:${dstPort}`;
}

export class TcpStunReassembler {
  private readonly flows = new Map<string, Direction>();
  private readonly maxBytes: number;
  private readonly maxPending: number;
  private readonly maxFlows: number;
  private readonly maxTotal: number;
  private readonly channelData: boolean;
  /** Bytes allocated for direction buffers, for the global bound. */
  private owned = 0;

  constructor(
    private readonly onMessage: TcpMessageCallback,
    options: TcpReassemblerOptions = {},
  ) {
    // A floor keeps one whole STUN header holdable whatever the caller passes.
    this.maxBytes = Math.max(1024, options.maxBufferedBytes ?? 256 * 1024);
    this.maxPending = options.maxPendingSegments ?? 64;
    this.maxFlows = options.maxFlows ?? 10_000;
    this.maxTotal = options.maxTotalBytes ?? 64 * 1024 * 1024;
    this.channelData = options.channelData ?? false;
  }

  get flowCount(): number {
    return this.flows.size;
  }

  push(p: DecodedPacket, ts: number): void {
    if (p.proto !== "tcp") return;
    const key = tcpFlowKey(p.src, p.srcPort, p.dst, p.dstPort);
    const flags = p.tcpFlags;
    if (flags & TcpFlag.RST) {
      this.drop(key);
      this.drop(tcpFlowKey(p.dst, p.dstPort, p.src, p.srcPort));
      return;
    }
    const syn = (flags & TcpFlag.SYN) !== 0;
    const dataSeq = syn ? (p.seq + 1) >>> 0 : p.seq;
    let st = this.flows.get(key);
    if (st === undefined || syn) {
      // Bare ACKs of connections we never saw carry nothing worth remembering.
      if (st === undefined && !syn && p.payload.length === 0) return;
      if (st !== undefined) this.drop(key);
      else if (this.flows.size >= this.maxFlows) this.drop(this.flows.keys().next().value ?? "");
      // Without the SYN we may be joining mid-message, so start by hunting for a header.
      st = { nextSeq: dataSeq, buf: null, used: 0, pending: [], pendingBytes: 0, resync: !syn };
      this.flows.set(key, st);
    }
    if (p.payload.length > 0) this.accept(key, st, dataSeq, p.payload, ts);
    if (flags & TcpFlag.FIN) this.drop(key);
  }

  private drop(key: string): void {
    const st = this.flows.get(key);
    if (st?.buf) this.owned -= st.buf.length;
    this.flows.delete(key);
  }

  private accept(key: string, st: Direction, seq: number, data: Buffer, ts: number): void {
    let d = (seq - st.nextSeq) | 0;
    if (d > 0) {
      if (!this.roomFor(st, data.length)) {
        // The gap is most likely a packet the capture dropped; waiting costs memory for nothing.
        this.skipGap(key, st, seq);
        d = (seq - st.nextSeq) | 0;
      }
      if (d > 0) {
        if (this.roomFor(st, data.length)) {
          st.pending.push({ seq, data, ts });
          st.pendingBytes += data.length;
        }
        return;
      }
    }
    if (d + data.length <= 0) return; // wholly a retransmission
    this.deliver(key, st, d < 0 ? data.subarray(-d) : data, ts);
    this.drain(key, st);
  }

  private roomFor(st: Direction, len: number): boolean {
    return st.pending.length < this.maxPending && st.pendingBytes + len <= this.maxBytes;
  }

  /** Hands over held segments that the stream has now reached; each pass removes one. */
  private drain(key: string, st: Direction): void {
    for (let i = 0; i < st.pending.length; ) {
      const seg = st.pending[i]!;
      const d = (seg.seq - st.nextSeq) | 0;
      if (d > 0) {
        i++;
        continue;
      }
      st.pending.splice(i, 1);
      st.pendingBytes -= seg.data.length;
      if (d + seg.data.length > 0) this.deliver(key, st, d < 0 ? seg.data.subarray(-d) : seg.data, seg.ts);
      i = 0;
    }
  }

  private skipGap(key: string, st: Direction, seq: number): void {
    let target = seq;
    for (const seg of st.pending) if (((seg.seq - target) | 0) < 0) target = seg.seq;
    st.nextSeq = target;
    st.used = 0;
    st.resync = true;
    this.drain(key, st);
  }

  private deliver(key: string, st: Direction, data: Buffer, ts: number): void {
    st.nextSeq = (st.nextSeq + data.length) >>> 0;
    if (st.used > 0 && st.used + data.length > this.maxBytes) {
      st.used = 0;
      st.resync = true;
    }
    if (st.used === 0) {
      // Fast path: frame straight from the capture buffer, copying only a trailing fragment.
      const consumed = this.frame(key, st, data, ts, false);
      if (consumed < data.length) this.keep(key, st, data.subarray(consumed));
      return;
    }
    const buf = this.keep(key, st, data);
    const consumed = this.frame(key, st, buf.subarray(0, st.used), ts, true);
    buf.copyWithin(0, consumed, st.used);
    st.used -= consumed;
    if (st.used === 0 && buf.length > 16 * 1024) {
      // Idle connections should not sit on a buffer sized for their largest message.
      this.owned -= buf.length;
      st.buf = null;
    }
  }

  /** Appends to the direction's own buffer, growing it geometrically up to the bound. */
  private keep(key: string, st: Direction, input: Buffer): Buffer {
    let data = input;
    if (st.used + data.length > this.maxBytes) {
      // Too much unframed data to be a STUN message: drop it and hunt for the next header.
      st.used = 0;
      st.resync = true;
      data = data.subarray(Math.max(0, data.length - HUNT_TAIL));
    }
    const need = st.used + data.length;
    let buf = st.buf;
    if (buf === null || buf.length < need) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(need, 2 * (buf?.length ?? 0), 2048)));
      if (buf !== null) buf.copy(grown, 0, 0, st.used);
      this.owned += grown.length - (buf?.length ?? 0);
      buf = st.buf = grown;
      if (this.owned > this.maxTotal) this.evictOldest(key);
    }
    data.copy(buf, st.used);
    st.used = need;
    return buf;
  }

  private evictOldest(keep: string): void {
    for (const key of this.flows.keys()) {
      if (this.owned <= this.maxTotal) return;
      if (key !== keep) this.drop(key);
    }
  }

  /** Emits whole messages from the front of `b`; returns how many bytes it used up. */
  private frame(key: string, st: Direction, b: Buffer, ts: number, copy: boolean): number {
    let pos = 0;
    while (b.length - pos >= 4) {
      if (st.resync) {
        const at = b.indexOf(MAGIC_COOKIE, pos + 4);
        if (at < 0) return Math.max(pos, b.length - HUNT_TAIL);
        const start = at - 4;
        if (b[start]! >> 6 === 0 && (((b[start + 2]! << 8) | b[start + 3]!) & 3) === 0) {
          st.resync = false;
          pos = start;
        } else {
          pos = start + 1;
        }
        continue;
      }
      const kind = b[pos]! >> 6;
      const bodyLen = (b[pos + 2]! << 8) | b[pos + 3]!;
      let len: number;
      if (kind === 0) {
        if (b.length - pos < 8) break;
        if (b.readUInt32BE(pos + 4) !== 0x2112a442 || (bodyLen & 3) !== 0) {
          st.resync = true;
          continue;
        }
        len = 20 + bodyLen;
      } else if (kind === 1) {
        len = (4 + bodyLen + 3) & ~3;
      } else {
        st.resync = true;
        continue;
      }
      if (b.length - pos < len) break;
      if (kind === 0 || this.channelData) {
        const msg = b.subarray(pos, pos + len);
        this.onMessage(key, copy ? Buffer.from(msg) : msg, ts);
      }
      pos += len;
    }
    return pos;
  }
}
