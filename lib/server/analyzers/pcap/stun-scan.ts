import "server-only";
import { decodeAttribute, withoutTrailingNuls } from "@/lib/server/probes/turn/stun-attributes";
import { formatTransportAddress } from "@/lib/server/probes/turn/stun-codec";
import { decodeMessageType, errorReasonFor, StunAttr, type StunClass } from "@/lib/server/probes/turn/stun-codec";

// Reads just the STUN/TURN fields the analysis needs (T1: Allocate errors with user and realm;
// T3: Binding transactions) straight from the capture buffer. Unlike decodeStunMessage it copies
// nothing and builds no attribute list: a capture holds hundreds of thousands of messages and
// most are ICE Binding checks whose attributes we never look at. Same framing rules as the
// codec (RFC 8489 §6: zero top bits, magic cookie, 4-byte aligned length, TLVs that fit).

export interface ScannedStun {
  method: number;
  cls: StunClass;
  /** The 12 transaction-id bytes as a latin1 string: a cheap, exact Map key. */
  txKey: string;
  errorCode?: number;
  errorReason?: string;
  username?: string;
  realm?: string;
  /** MESSAGE-INTEGRITY present: the request carried credentials (a 401 to it is a rejection, T1). */
  hasIntegrity: boolean;
  /** XOR-RELAYED-ADDRESS of an Allocate success, "ip:port". */
  relayed?: string;
  /** DATA of a Send/Data indication: a relayed packet, often itself a STUN check. */
  data?: Buffer;
}

const COOKIE = 0x2112a442;
/** Text attributes longer than this are cut: a USERNAME/REALM is short, a hostile one need not be. */
const MAX_TEXT = 256;

/** True when `b` starts like a STUN message (cheap pre-check before scanStun). */
export function looksLikeStun(b: Buffer): boolean {
  return b.length >= 20 && b[0]! < 0x40 && b.readUInt32BE(4) === COOKIE;
}

/** Decodes one whole STUN message or returns null; never throws on any input. */
export function scanStun(b: Buffer): ScannedStun | null {
  if (!looksLikeStun(b)) return null;
  const bodyLen = (b[2]! << 8) | b[3]!;
  if ((bodyLen & 3) !== 0 || 20 + bodyLen !== b.length) return null;
  const { method, cls } = decodeMessageType((b[0]! << 8) | b[1]!);
  const msg: ScannedStun = { method, cls, txKey: b.toString("latin1", 8, 20), hasIntegrity: false };
  let off = 20;
  while (off < b.length) {
    if (off + 4 > b.length) return null;
    const type = (b[off]! << 8) | b[off + 1]!;
    const len = (b[off + 2]! << 8) | b[off + 3]!;
    const v = off + 4;
    if (v + len > b.length) return null;
    switch (type) {
      case StunAttr.Username:
        msg.username = b.toString("utf8", v, v + Math.min(len, MAX_TEXT));
        break;
      case StunAttr.Realm:
        msg.realm = b.toString("utf8", v, v + Math.min(len, MAX_TEXT));
        break;
      case StunAttr.ErrorCode:
        if (len >= 4 && b[v + 3]! <= 99) {
          msg.errorCode = (b[v + 2]! & 7) * 100 + b[v + 3]!;
          // coturn sends its C string terminator; Wireshark's names win for the legacy 43x codes.
          const text = b.toString("utf8", v + 4, v + Math.min(len, MAX_TEXT));
          const said = withoutTrailingNuls(text);
          msg.errorReason = said || errorReasonFor(msg.errorCode) || "";
        }
        break;
      case StunAttr.MessageIntegrity:
      case StunAttr.MessageIntegritySha256:
        msg.hasIntegrity = true;
        break;
      case StunAttr.Data:
        msg.data = b.subarray(v, v + len);
        break;
      case StunAttr.XorRelayedAddress: {
        const a = decodeAttribute(type, b.subarray(v, v + len), b.subarray(8, 20));
        if (a.type === "XOR-RELAYED-ADDRESS") msg.relayed = formatTransportAddress(a.address);
        break;
      }
    }
    // Padding may be missing after the last attribute in sloppy stacks; tolerate it like the codec.
    off = v + len + ((4 - (len & 3)) & 3);
  }
  return msg;
}

/**
 * The STUN message inside a TURN ChannelData frame (RFC 8656 §12), if there is one. Channel
 * numbers 0x4000–0x7FFF (RFC 5766's range; RFC 7983 demultiplexes 64–79 but older stacks use more).
 */
export function channelDataInner(b: Buffer): Buffer | null {
  if (b.length < 24 || b[0]! < 0x40 || b[0]! > 0x7f) return null;
  const len = (b[2]! << 8) | b[3]!;
  if (4 + len > b.length) return null;
  const inner = b.subarray(4, 4 + len);
  return looksLikeStun(inner) ? inner : null;
}
