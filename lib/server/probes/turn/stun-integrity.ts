import "server-only";

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { crc32 } from "./crc32";
import { FINGERPRINT_XOR, HEADER_LENGTH, StunAttr } from "./stun-constants";
import { walkAttributes } from "./stun-walk";

export type IntegrityCheck = "valid" | "invalid" | "absent";

// RFC 3454 table B.1 ("commonly mapped to nothing") and C.1.2 (non-ASCII spaces).
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the table lists code points to delete one by one, combining ones included
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;

/**
 * SASLprep (RFC 4013) mapping + NFKC, which is what the long-term key needs. The prohibited-output
 * and bidi checks are skipped: we only hash what the operator typed, we never accept input from the
 * wire, and a rejected password would be less useful to report than an "unauthorized" outcome.
 */
export function saslPrep(value: string): string {
  return value.replace(MAPPED_TO_NOTHING, "").replace(NON_ASCII_SPACE, " ").normalize("NFKC");
}

/** Long-term credential key (RFC 5389 §15.4): MD5(username ":" realm ":" SASLprep(password)). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash("md5")
    .update(`${username}:${realm}:${saslPrep(password)}`, "utf8")
    .digest();
}

export function shortTermKey(password: string): Buffer {
  return Buffer.from(saslPrep(password), "utf8");
}

/** Copy of `prefix` with the header length rewritten to pretend the message ends after `trailerLength` more bytes. */
function withAdjustedLength(prefix: Uint8Array, trailerLength: number): Buffer {
  const copy = Buffer.from(prefix);
  copy.writeUInt16BE(prefix.length - HEADER_LENGTH + trailerLength, 2);
  return copy;
}

/** HMAC-SHA1 over everything before MESSAGE-INTEGRITY, with the length field covering MI itself (RFC 5389 §15.4). */
export function computeMessageIntegrity(prefix: Uint8Array, key: Uint8Array): Buffer {
  return createHmac("sha1", key).update(withAdjustedLength(prefix, 24)).digest();
}

/** CRC-32 of everything before FINGERPRINT, length field covering FINGERPRINT, XOR 0x5354554E (RFC 5389 §15.5). */
export function computeFingerprint(prefix: Uint8Array): number {
  return (crc32(withAdjustedLength(prefix, 8)) ^ FINGERPRINT_XOR) >>> 0;
}

function messageEnd(raw: Uint8Array): number | undefined {
  if (raw.length < HEADER_LENGTH) return undefined;
  const declared = (((raw[2] ?? 0) << 8) | (raw[3] ?? 0)) + HEADER_LENGTH;
  return declared <= raw.length ? declared : undefined;
}

/** Checks the first MESSAGE-INTEGRITY in a raw message. Never throws, whatever the bytes. */
export function verifyMessageIntegrity(raw: Uint8Array, key: Uint8Array): IntegrityCheck {
  const end = messageEnd(raw);
  if (end === undefined) return "absent";
  const span = walkAttributes(raw, end).spans.find((s) => s.type === StunAttr.MessageIntegrity);
  if (!span) return "absent";
  if (span.length !== 20) return "invalid";
  const expected = computeMessageIntegrity(raw.subarray(0, span.offset), key);
  const actual = Buffer.from(raw.subarray(span.offset + 4, span.offset + 24));
  return timingSafeEqual(expected, actual) ? "valid" : "invalid";
}

/** Checks FINGERPRINT, which RFC 5389 §15.5 requires to be the last attribute. Never throws. */
export function verifyFingerprint(raw: Uint8Array): IntegrityCheck {
  const end = messageEnd(raw);
  if (end === undefined) return "absent";
  const spans = walkAttributes(raw, end).spans;
  const index = spans.findIndex((s) => s.type === StunAttr.Fingerprint);
  const span = spans[index];
  if (!span) return "absent";
  if (span.length !== 4 || index !== spans.length - 1) return "invalid";
  const actual = Buffer.from(raw.subarray(span.offset + 4, span.offset + 8)).readUInt32BE(0);
  return computeFingerprint(raw.subarray(0, span.offset)) === actual ? "valid" : "invalid";
}
