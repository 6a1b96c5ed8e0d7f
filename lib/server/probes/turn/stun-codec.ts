import "server-only";

import { randomBytes } from "node:crypto";

import { decodeAttribute, encodeAttribute, type StunAttribute } from "./stun-attributes";
import { HEADER_LENGTH, MAGIC_COOKIE, STUN_CLASSES, StunAttr, type StunClass } from "./stun-constants";
import { computeFingerprint, computeMessageIntegrity } from "./stun-integrity";
import { walkAttributes } from "./stun-walk";

export type { StunAttribute } from "./stun-attributes";
export type { TransportAddress } from "./stun-address";
export { formatTransportAddress } from "./stun-address";
export * from "./stun-constants";
export { longTermKey, shortTermKey, saslPrep, verifyFingerprint, verifyMessageIntegrity } from "./stun-integrity";
export type { IntegrityCheck } from "./stun-integrity";

export interface StunMessage {
  method: number;
  cls: StunClass;
  /** 96 bits (12 bytes); the magic cookie is not part of it. */
  transactionId: Buffer;
  attributes: StunAttribute[];
}

export interface DecodedStunMessage extends StunMessage {
  /** The exact bytes decoded — needed later to verify MESSAGE-INTEGRITY/FINGERPRINT. */
  raw: Buffer;
}

export type StunDecodeErrorCode =
  | "too-short"
  | "not-stun"
  | "bad-cookie"
  | "bad-length"
  | "length-mismatch"
  | "truncated-attribute";

export interface StunDecodeError {
  code: StunDecodeErrorCode;
  message: string;
}

export type StunDecodeResult = { ok: true; message: DecodedStunMessage } | { ok: false; error: StunDecodeError };

// The class bits C1/C0 sit at bits 8 and 4, interleaved with the 12 method bits (RFC 5389 §6).
export function encodeMessageType(method: number, cls: StunClass): number {
  const c = STUN_CLASSES.indexOf(cls);
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
}

export function decodeMessageType(type: number): { method: number; cls: StunClass } {
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const c = ((type >> 4) & 1) | ((type >> 7) & 2);
  return { method, cls: STUN_CLASSES[c] ?? "request" };
}

export function newTransactionId(): Buffer {
  return randomBytes(12);
}

function headerProblem(buf: Uint8Array): StunDecodeError | undefined {
  if (buf.length < HEADER_LENGTH)
    return { code: "too-short", message: `${buf.length} bytes is shorter than a STUN header` };
  if (((buf[0] ?? 0) & 0xc0) !== 0) return { code: "not-stun", message: "first two bits are not zero" };
  const cookie = Buffer.from(buf.subarray(4, 8)).readUInt32BE(0);
  // RFC 3489 messages have no cookie; reporting them separately helps when reading old captures.
  if (cookie !== MAGIC_COOKIE)
    return { code: "bad-cookie", message: `magic cookie 0x${cookie.toString(16)} (RFC 3489 or not STUN)` };
  const length = ((buf[2] ?? 0) << 8) | (buf[3] ?? 0);
  if (length % 4 !== 0) return { code: "bad-length", message: `message length ${length} is not a multiple of 4` };
  if (HEADER_LENGTH + length !== buf.length) {
    return { code: "length-mismatch", message: `header says ${HEADER_LENGTH + length} bytes, got ${buf.length}` };
  }
  return undefined;
}

/** Demultiplexing check (RFC 7983 style): is this one whole, well-framed STUN message? */
export function isStunMessage(buf: Uint8Array): boolean {
  return headerProblem(buf) === undefined && walkAttributes(buf).problem === undefined;
}

/**
 * Decodes one whole STUN message. Total over all inputs — it returns `{ok:false}` instead of
 * throwing, because the pcap analyzer feeds it arbitrary UDP payloads.
 */
export function decodeStunMessage(input: Uint8Array): StunDecodeResult {
  try {
    const problem = headerProblem(input);
    if (problem) return { ok: false, error: problem };
    const raw = Buffer.from(input);
    const { method, cls } = decodeMessageType(raw.readUInt16BE(0));
    const transactionId = Buffer.from(raw.subarray(8, 20));
    const walk = walkAttributes(raw);
    if (walk.problem) return { ok: false, error: { code: "truncated-attribute", message: walk.problem } };
    const attributes = walk.spans.map((s) =>
      decodeAttribute(s.type, Buffer.from(raw.subarray(s.offset + 4, s.offset + 4 + s.length)), transactionId),
    );
    return { ok: true, message: { method, cls, transactionId, attributes, raw } };
  } catch (err) {
    // Belt and braces: a decoder bug must surface as a result, never crash a capture analysis.
    return { ok: false, error: { code: "not-stun", message: `decoder failure: ${String(err)}` } };
  }
}

export interface EncodeOptions {
  /** Appends MESSAGE-INTEGRITY computed with this key (long-term: MD5 key; short-term: password). */
  integrityKey?: Uint8Array;
  /** Appends FINGERPRINT as the last attribute. */
  fingerprint?: boolean;
}

function tlv(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + value.length + ((4 - (value.length % 4)) % 4));
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

export function encodeStunMessage(msg: StunMessage, options: EncodeOptions = {}): Buffer {
  if (msg.transactionId.length !== 12) throw new RangeError("transaction id must be 12 bytes");
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt16BE(encodeMessageType(msg.method, msg.cls), 0);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  msg.transactionId.copy(header, 8);
  const parts = [header, ...msg.attributes.map((a) => tlv(...encodeAttribute(a, msg.transactionId)))];
  let body = Buffer.concat(parts);
  if (options.integrityKey) {
    body = Buffer.concat([body, tlv(StunAttr.MessageIntegrity, computeMessageIntegrity(body, options.integrityKey))]);
  }
  if (options.fingerprint) {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(computeFingerprint(body), 0);
    body = Buffer.concat([body, tlv(StunAttr.Fingerprint, crc)]);
  }
  body.writeUInt16BE(body.length - HEADER_LENGTH, 2);
  return body;
}

export function findAttribute<T extends StunAttribute["type"]>(
  msg: Pick<StunMessage, "attributes">,
  type: T,
): Extract<StunAttribute, { type: T }> | undefined {
  return msg.attributes.find((a): a is Extract<StunAttribute, { type: T }> => a.type === type);
}
