// Builds captures byte by byte for tests and the benchmark, so neither depends on tcpdump
// being installed or on binary fixtures nobody can read. Checksums are left zero: the
// reader never checks them (captures taken with offload have wrong ones anyway).

export interface PacketSpec {
  /** Milliseconds since the epoch. */
  ts: number;
  data: Uint8Array;
  origLen?: number;
  /** pcapng interface index (default 0). */
  iface?: number;
}

export interface InterfaceSpec {
  linkType: number;
  /** Raw if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n s); omitted means the µs default. */
  tsresol?: number;
  snapLen?: number;
}

function bytes(size: number): { buf: Buffer; dv: DataView } {
  const buf = Buffer.alloc(size);
  return { buf, dv: new DataView(buf.buffer, buf.byteOffset, buf.byteLength) };
}

export function writePcap(
  packets: PacketSpec[],
  opts: { linkType: number; littleEndian?: boolean; nanos?: boolean; snapLen?: number },
): Buffer {
  const le = opts.littleEndian ?? true;
  const parts: Buffer[] = [];
  const head = bytes(24);
  head.dv.setUint32(0, opts.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  head.dv.setUint16(4, 2, le);
  head.dv.setUint16(6, 4, le);
  head.dv.setUint32(16, opts.snapLen ?? 262144, le);
  head.dv.setUint32(20, opts.linkType, le);
  parts.push(head.buf);
  for (const p of packets) {
    const rec = bytes(16);
    const sec = Math.floor(p.ts / 1000);
    const frac = Math.round((p.ts - sec * 1000) * (opts.nanos ? 1e6 : 1e3));
    rec.dv.setUint32(0, sec, le);
    rec.dv.setUint32(4, frac, le);
    rec.dv.setUint32(8, p.data.length, le);
    rec.dv.setUint32(12, p.origLen ?? p.data.length, le);
    parts.push(rec.buf, Buffer.from(p.data));
  }
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer, le: boolean): Buffer {
  const padded = (body.length + 3) & ~3;
  const b = bytes(12 + padded);
  b.dv.setUint32(0, type, le);
  b.dv.setUint32(4, 12 + padded, le);
  body.copy(b.buf, 8);
  b.dv.setUint32(8 + padded, 12 + padded, le);
  return b.buf;
}

function unitsPerSec(tsresol: number | undefined): bigint {
  if (tsresol === undefined) return 1_000_000n;
  return tsresol & 0x80 ? 2n ** BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

export function writePcapng(
  packets: PacketSpec[],
  opts: { interfaces: InterfaceSpec[]; littleEndian?: boolean; simple?: boolean; unknownBlock?: boolean },
): Buffer {
  const le = opts.littleEndian ?? true;
  const shb = bytes(16);
  shb.dv.setUint32(0, 0x1a2b3c4d, le);
  shb.dv.setUint16(4, 1, le);
  shb.dv.setBigInt64(8, -1n, le);
  const parts = [block(0x0a0d0d0a, shb.buf, le)];
  if (opts.unknownBlock) parts.push(block(0x0bad0bad, Buffer.from("skip me"), le));
  for (const iface of opts.interfaces) {
    const idb = bytes(iface.tsresol === undefined ? 12 : 20);
    idb.dv.setUint16(0, iface.linkType, le);
    idb.dv.setUint32(4, iface.snapLen ?? 0, le);
    if (iface.tsresol !== undefined) {
      idb.dv.setUint16(8, 9, le);
      idb.dv.setUint16(10, 1, le);
      idb.dv.setUint8(12, iface.tsresol);
      // bytes 16..19 stay zero: opt_endofopt
    }
    parts.push(block(1, idb.buf, le));
  }
  for (const p of packets) {
    if (opts.simple) {
      const spb = bytes(4 + p.data.length);
      spb.dv.setUint32(0, p.origLen ?? p.data.length, le);
      spb.buf.set(p.data, 4);
      parts.push(block(3, spb.buf, le));
      continue;
    }
    const ifIndex = p.iface ?? 0;
    const ups = unitsPerSec(opts.interfaces[ifIndex]?.tsresol);
    const sec = Math.floor(p.ts / 1000);
    const fracUnits = BigInt(Math.round(((p.ts - sec * 1000) / 1000) * Number(ups)));
    const units = BigInt(sec) * ups + fracUnits;
    const epb = bytes(20 + p.data.length);
    epb.dv.setUint32(0, ifIndex, le);
    epb.dv.setUint32(4, Number(units >> 32n), le);
    epb.dv.setUint32(8, Number(units & 0xffffffffn), le);
    epb.dv.setUint32(12, p.data.length, le);
    epb.dv.setUint32(16, p.origLen ?? p.data.length, le);
    epb.buf.set(p.data, 20);
    parts.push(block(6, epb.buf, le));
  }
  return Buffer.concat(parts);
}

export function ipv4Bytes(addr: string): Buffer {
  return Buffer.from(addr.split(".").map(Number));
}

export function ipv6Bytes(addr: string): Buffer {
  const [head = "", tail] = addr.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

export function ethernet(payload: Uint8Array, etherType = 0x0800, vlans: number[] = []): Buffer {
  const head = Buffer.alloc(12 + vlans.length * 4 + 2);
  head.set([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa]);
  vlans.forEach((vid, i) => {
    head.writeUInt16BE(0x8100, 12 + i * 4);
    head.writeUInt16BE(vid, 14 + i * 4);
  });
  head.writeUInt16BE(etherType, head.length - 2);
  return Buffer.concat([head, payload]);
}

export function sll(payload: Uint8Array, protocol = 0x0800): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt16BE(6, 4); // address length
  head.writeUInt16BE(protocol, 14);
  return Buffer.concat([head, payload]);
}

export function sll2(payload: Uint8Array, protocol = 0x0800): Buffer {
  const head = Buffer.alloc(20);
  head.writeUInt16BE(protocol, 0);
  head.writeUInt32BE(2, 4); // interface index
  return Buffer.concat([head, payload]);
}

export function nullLink(payload: Uint8Array, family: number, littleEndian = true): Buffer {
  const head = Buffer.alloc(4);
  if (littleEndian) head.writeUInt32LE(family);
  else head.writeUInt32BE(family);
  return Buffer.concat([head, payload]);
}

export function ipv4(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  opts: { fragmentOffset?: number; moreFragments?: boolean } = {},
): Buffer {
  const head = Buffer.alloc(20);
  head[0] = 0x45;
  head.writeUInt16BE(20 + payload.length, 2);
  head.writeUInt16BE(((opts.moreFragments ? 1 : 0) << 13) | ((opts.fragmentOffset ?? 0) >> 3), 6);
  head[8] = 64;
  head[9] = proto;
  ipv4Bytes(src).copy(head, 12);
  ipv4Bytes(dst).copy(head, 16);
  return Buffer.concat([head, payload]);
}

/** Extension headers are given as [type, body]; bodies are padded to whole 8-byte units. */
export function ipv6(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  ext: [number, Buffer][] = [],
): Buffer {
  const chain: Buffer[] = [];
  ext.forEach(([, body], i) => {
    const len = Math.max(8, (body.length + 2 + 7) & ~7);
    const h = Buffer.alloc(len);
    h[0] = ext[i + 1]?.[0] ?? proto;
    h[1] = len / 8 - 1;
    body.copy(h, 2);
    chain.push(h);
  });
  const rest = Buffer.concat([...chain, payload]);
  const head = Buffer.alloc(40);
  head[0] = 0x60;
  head.writeUInt16BE(rest.length, 4);
  head[6] = ext[0]?.[0] ?? proto;
  head[7] = 64;
  ipv6Bytes(src).copy(head, 8);
  ipv6Bytes(dst).copy(head, 24);
  return Buffer.concat([head, rest]);
}

export function udp(srcPort: number, dstPort: number, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(srcPort, 0);
  head.writeUInt16BE(dstPort, 2);
  head.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([head, payload]);
}

export function tcp(srcPort: number, dstPort: number, seq: number, flags: number, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(20);
  head.writeUInt16BE(srcPort, 0);
  head.writeUInt16BE(dstPort, 2);
  head.writeUInt32BE(seq >>> 0, 4);
  head[12] = 5 << 4;
  head[13] = flags;
  head.writeUInt16BE(65535, 14);
  return Buffer.concat([head, payload]);
}

/** A STUN message (RFC 8489 header plus an opaque, 4-byte aligned body). */
export function stunMessage(type: number, transactionId: number, body: Uint8Array = Buffer.alloc(0)): Buffer {
  const padded = (body.length + 3) & ~3;
  const msg = Buffer.alloc(20 + padded);
  msg.writeUInt16BE(type, 0);
  msg.writeUInt16BE(padded, 2);
  msg.writeUInt32BE(0x2112a442, 4);
  msg.writeUInt32BE(transactionId >>> 0, 16);
  msg.set(body, 20);
  return msg;
}
