import "server-only";
import { LinkType } from "./capture-reader";
import { formatIpv4, formatIpv6 } from "./ip-address";

// Peels link layer, IP and UDP/TCP off a captured frame to reach the STUN/TURN bytes (T1, T3).
// Every length field is checked against the bytes actually captured: captures are often
// cut by a snap length, and damaged files must decode to null, never throw.

export interface DecodedPacket {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  proto: "udp" | "tcp";
  /** View into the capture buffer; may be shorter than sent when the capture was snapped. */
  payload: Buffer;
  /** TCP sequence number of the first payload byte; 0 for UDP. */
  seq: number;
  /** TCP flag bits (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10); 0 for UDP. */
  tcpFlags: number;
}

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const PROTO_TCP = 6;
const PROTO_UDP = 17;
/** Some platforms wrote their DLT_RAW value (12 or 14) instead of LINKTYPE_RAW. */
const DLT_RAW_ALT_A = 12;
const DLT_RAW_ALT_B = 14;

function u16(d: Buffer, i: number): number {
  return (d[i]! << 8) | d[i + 1]!;
}

/** Decodes one captured frame to its UDP/TCP payload, or null if it is not UDP/TCP over IP. */
export function decodePacket(packet: { linkType: number; data: Buffer }): DecodedPacket | null {
  return decodeFrame(packet.linkType, packet.data);
}

export function decodeFrame(linkType: number, d: Buffer): DecodedPacket | null {
  let off: number;
  let etherType: number;
  switch (linkType) {
    case LinkType.ETHERNET:
      if (d.length < 14) return null;
      etherType = u16(d, 12);
      off = 14;
      break;
    case LinkType.LINUX_SLL:
      if (d.length < 16) return null;
      etherType = u16(d, 14);
      off = 16;
      break;
    case LinkType.LINUX_SLL2:
      if (d.length < 20) return null;
      etherType = u16(d, 0);
      off = 20;
      break;
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
    case DLT_RAW_ALT_A:
    case DLT_RAW_ALT_B:
      return decodeIp(d, 0);
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (d.length < 4) return null;
      // The address family is in the capturing host's byte order (NULL) or network order
      // (LOOP); values never collide across orders, so accept either.
      const be = d.readUInt32BE(0);
      const le = d.readUInt32LE(0);
      const family = be < 256 ? be : le;
      // AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the BSD.
      if (family === 2 || family === 24 || family === 28 || family === 30) return decodeIp(d, 4);
      return null;
    }
    default:
      return null;
  }
  // 802.1Q / 802.1ad / legacy QinQ tags; each pass consumes 4 bytes so this ends.
  while (etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) {
    if (off + 4 > d.length) return null;
    etherType = u16(d, off + 2);
    off += 4;
  }
  if (etherType !== ETHERTYPE_IPV4 && etherType !== ETHERTYPE_IPV6) return null;
  return decodeIp(d, off);
}

function decodeIp(d: Buffer, off: number): DecodedPacket | null {
  if (off >= d.length) return null;
  const version = d[off]! >> 4;
  if (version === 4) return decodeIpv4(d, off);
  if (version === 6) return decodeIpv6(d, off);
  return null;
}

function decodeIpv4(d: Buffer, off: number): DecodedPacket | null {
  if (d.length - off < 20) return null;
  const ihl = (d[off]! & 0x0f) * 4;
  if (ihl < 20) return null;
  const totalLen = u16(d, off + 2);
  // 0 appears in captures taken before TCP segmentation offload filled it in.
  let end = totalLen === 0 ? d.length : off + totalLen;
  if (totalLen !== 0 && totalLen < ihl) return null;
  if (end > d.length) end = d.length;
  // Later fragments carry no transport header; their bytes cannot be attributed to ports.
  if ((u16(d, off + 6) & 0x1fff) !== 0) return null;
  const proto = d[off + 9]!;
  if (proto !== PROTO_UDP && proto !== PROTO_TCP) return null;
  const l4 = off + ihl;
  if (l4 > end) return null;
  return decodeTransport(d, proto, l4, end, false, off + 12);
}

function decodeIpv6(d: Buffer, off: number): DecodedPacket | null {
  if (d.length - off < 40) return null;
  const payloadLen = u16(d, off + 4);
  // 0 means a jumbogram or an offloaded segment: trust the captured bytes instead.
  let end = payloadLen === 0 ? d.length : off + 40 + payloadLen;
  if (end > d.length) end = d.length;
  let next = d[off + 6]!;
  let pos = off + 40;
  // A bounded number of extension headers: real packets carry a few at most.
  for (let hops = 0; hops < 16; hops++) {
    if (next === PROTO_UDP || next === PROTO_TCP) return decodeTransport(d, next, pos, end, true, off + 8);
    if (pos + 8 > end) return null;
    if (next === 0 || next === 43 || next === 60) {
      // Hop-by-hop, routing, destination options: length in 8-byte units, not counting the first.
      const len = (d[pos + 1]! + 1) * 8;
      next = d[pos]!;
      pos += len;
    } else if (next === 44) {
      if ((u16(d, pos + 2) & 0xfff8) !== 0) return null;
      next = d[pos]!;
      pos += 8;
    } else if (next === 51) {
      // Authentication header: length in 4-byte units, minus 2.
      const len = (d[pos + 1]! + 2) * 4;
      next = d[pos]!;
      pos += len;
    } else {
      return null;
    }
  }
  return null;
}

function decodeTransport(
  d: Buffer,
  proto: number,
  l4: number,
  end: number,
  v6: boolean,
  addrOff: number,
): DecodedPacket | null {
  let payloadStart: number;
  let payloadEnd = end;
  let seq = 0;
  let tcpFlags = 0;
  if (proto === PROTO_UDP) {
    if (end - l4 < 8) return null;
    const udpLen = u16(d, l4 + 4);
    payloadStart = l4 + 8;
    // A UDP length below 8 is invalid (or a jumbogram); fall back to the IP bound.
    if (udpLen >= 8 && l4 + udpLen < end) payloadEnd = l4 + udpLen;
  } else {
    if (end - l4 < 20) return null;
    const dataOff = (d[l4 + 12]! >> 4) * 4;
    if (dataOff < 20 || l4 + dataOff > end) return null;
    payloadStart = l4 + dataOff;
    seq = d.readUInt32BE(l4 + 4);
    tcpFlags = d[l4 + 13]!;
  }
  const addrLen = v6 ? 16 : 4;
  return {
    src: v6 ? formatIpv6(d, addrOff) : formatIpv4(d, addrOff),
    dst: v6 ? formatIpv6(d, addrOff + addrLen) : formatIpv4(d, addrOff + addrLen),
    srcPort: u16(d, l4),
    dstPort: u16(d, l4 + 2),
    proto: proto === PROTO_UDP ? "udp" : "tcp",
    payload: d.subarray(payloadStart, payloadEnd),
    seq,
    tcpFlags,
  };
}
