import "server-only";

import { isIPv4, isIPv6 } from "node:net";

import { MAGIC_COOKIE } from "./stun-constants";

export interface TransportAddress {
  family: "IPv4" | "IPv6";
  address: string;
  port: number;
}

const FAMILY_IPV4 = 0x01;
const FAMILY_IPV6 = 0x02;

export type AddressDecode = { ok: true; value: TransportAddress } | { ok: false; problem: string };

/** "192.0.2.1:3478" / "[2001:db8::1]:3478" — the form shown in evidence and result fields. */
export function formatTransportAddress(a: TransportAddress): string {
  return a.family === "IPv6" ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}

export function ipToBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split(".").map(Number));
  if (!isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  const zone = ip.indexOf("%");
  let text = zone < 0 ? ip : ip.slice(0, zone);
  // An embedded dotted quad ("::ffff:192.0.2.1") is two 16-bit groups in disguise.
  const dotted = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (dotted?.[1]) {
    const q = dotted[1].split(".").map(Number);
    const hi = (((q[0] ?? 0) << 8) | (q[1] ?? 0)).toString(16);
    const lo = (((q[2] ?? 0) << 8) | (q[3] ?? 0)).toString(16);
    text = `${text.slice(0, dotted.index)}${hi}:${lo}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  const groups = [...headGroups, ...zeros, ...tailGroups];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** RFC 5952 text form (lowercase, longest zero run of 2+ groups compressed), as Node prints it. */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** XOR-*-ADDRESS masks with the cookie (and, for IPv6, the transaction id) so NATs that rewrite
 * addresses inside payloads cannot mangle it (RFC 5389 §15.2). */
function xorMask(length: number, transactionId: Uint8Array): Buffer {
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  Buffer.from(transactionId).copy(mask, 4, 0, 12);
  return mask.subarray(0, length);
}

export function encodeAddress(a: TransportAddress, xor: boolean, transactionId: Uint8Array): Buffer {
  const ip = ipToBytes(a.address);
  const out = Buffer.alloc(4 + ip.length);
  out[1] = ip.length === 4 ? FAMILY_IPV4 : FAMILY_IPV6;
  out.writeUInt16BE(xor ? a.port ^ (MAGIC_COOKIE >>> 16) : a.port, 2);
  const mask = xor ? xorMask(ip.length, transactionId) : Buffer.alloc(ip.length);
  for (let i = 0; i < ip.length; i++) out[4 + i] = (ip[i] ?? 0) ^ (mask[i] ?? 0);
  return out;
}

export function decodeAddress(value: Uint8Array, xor: boolean, transactionId: Uint8Array): AddressDecode {
  if (value.length < 4) return { ok: false, problem: "address shorter than 4 bytes" };
  const family = value[1];
  const ipLength = family === FAMILY_IPV4 ? 4 : family === FAMILY_IPV6 ? 16 : 0;
  if (ipLength === 0) return { ok: false, problem: `unknown address family 0x${(family ?? 0).toString(16)}` };
  if (value.length !== 4 + ipLength)
    return { ok: false, problem: `address length ${value.length} for family ${family}` };
  const rawPort = ((value[2] ?? 0) << 8) | (value[3] ?? 0);
  const port = xor ? rawPort ^ (MAGIC_COOKIE >>> 16) : rawPort;
  const mask = xor ? xorMask(ipLength, transactionId) : Buffer.alloc(ipLength);
  const ip = Buffer.alloc(ipLength);
  for (let i = 0; i < ipLength; i++) ip[i] = (value[4 + i] ?? 0) ^ (mask[i] ?? 0);
  return { ok: true, value: { family: ipLength === 4 ? "IPv4" : "IPv6", address: bytesToIp(ip), port } };
}
