import "server-only";

import { HEADER_LENGTH } from "./stun-constants";

export interface AttributeSpan {
  type: number;
  /** Offset of the attribute's 4-byte header within the message. */
  offset: number;
  /** Value length as declared, without padding. */
  length: number;
}

/**
 * Walks the TLVs after the header without interpreting them. Shared by the decoder and the
 * integrity checks so both agree on where MESSAGE-INTEGRITY and FINGERPRINT sit. Stops at the
 * first attribute that does not fit (the caller decides whether that is fatal).
 */
export function walkAttributes(
  raw: Uint8Array,
  end: number = raw.length,
): { spans: AttributeSpan[]; problem?: string } {
  const spans: AttributeSpan[] = [];
  let offset = HEADER_LENGTH;
  while (offset < end) {
    if (offset + 4 > end) return { spans, problem: `truncated attribute header at offset ${offset}` };
    const type = ((raw[offset] ?? 0) << 8) | (raw[offset + 1] ?? 0);
    const length = ((raw[offset + 2] ?? 0) << 8) | (raw[offset + 3] ?? 0);
    if (offset + 4 + length > end) {
      return { spans, problem: `attribute 0x${type.toString(16)} at offset ${offset} overruns the message` };
    }
    spans.push({ type, offset, length });
    // Padding may be missing after the very last attribute in sloppy implementations; tolerate it.
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return { spans };
}
