import "server-only";

import { decodeAddress, encodeAddress, type TransportAddress } from "./stun-address";
import { StunAttr, attributeName } from "./stun-constants";

/** coturn ends reason phrases with C NULs; a loop, since /\0+$/ retries a NUL run from each of its characters. */
export function withoutTrailingNuls(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return s.slice(0, end);
}

export type AddressAttributeType = "MAPPED-ADDRESS" | "XOR-MAPPED-ADDRESS" | "XOR-RELAYED-ADDRESS" | "XOR-PEER-ADDRESS";
export type TextAttributeType = "USERNAME" | "REALM" | "NONCE" | "SOFTWARE";

// Distributed per literal so that Extract<StunAttribute, { type: "REALM" }> narrows properly.
type AddressAttribute = { [K in AddressAttributeType]: { type: K; address: TransportAddress } }[AddressAttributeType];
type TextAttribute = { [K in TextAttributeType]: { type: K; value: string } }[TextAttributeType];

export type StunAttribute =
  | AddressAttribute
  | TextAttribute
  | { type: "ERROR-CODE"; code: number; reason: string }
  | { type: "LIFETIME"; seconds: number }
  | { type: "REQUESTED-TRANSPORT"; protocol: number }
  | { type: "MESSAGE-INTEGRITY"; hmac: Buffer }
  | { type: "FINGERPRINT"; crc: number }
  /** Anything we do not model, or a known attribute whose value did not parse (then `problem` says why). */
  | { type: "RAW"; code: number; name: string; value: Buffer; problem?: string };

const ADDRESS_TYPES: Record<AddressAttributeType, { code: number; xor: boolean }> = {
  "MAPPED-ADDRESS": { code: StunAttr.MappedAddress, xor: false },
  "XOR-MAPPED-ADDRESS": { code: StunAttr.XorMappedAddress, xor: true },
  "XOR-RELAYED-ADDRESS": { code: StunAttr.XorRelayedAddress, xor: true },
  "XOR-PEER-ADDRESS": { code: StunAttr.XorPeerAddress, xor: true },
};

const TEXT_TYPES: Record<TextAttributeType, number> = {
  USERNAME: StunAttr.Username,
  REALM: StunAttr.Realm,
  NONCE: StunAttr.Nonce,
  SOFTWARE: StunAttr.Software,
};

const ADDRESS_BY_CODE = new Map(
  Object.entries(ADDRESS_TYPES).map(([t, v]) => [v.code, { type: t as AddressAttributeType, xor: v.xor }]),
);
const TEXT_BY_CODE = new Map(Object.entries(TEXT_TYPES).map(([t, code]) => [code, t as TextAttributeType]));

function raw(code: number, value: Buffer, problem?: string): StunAttribute {
  return problem === undefined
    ? { type: "RAW", code, name: attributeName(code), value }
    : { type: "RAW", code, name: attributeName(code), value, problem };
}

function fixedLength(code: number, value: Buffer, length: number): string | undefined {
  return value.length === length ? undefined : `${attributeName(code)} must be ${length} bytes, got ${value.length}`;
}

/** Interprets one attribute value. Total: malformed input becomes a RAW attribute with a `problem`. */
export function decodeAttribute(code: number, value: Buffer, transactionId: Buffer): StunAttribute {
  const address = ADDRESS_BY_CODE.get(code);
  if (address) {
    const decoded = decodeAddress(value, address.xor, transactionId);
    return decoded.ok ? { type: address.type, address: decoded.value } : raw(code, value, decoded.problem);
  }
  const text = TEXT_BY_CODE.get(code);
  if (text) return { type: text, value: value.toString("utf8") };
  switch (code) {
    case StunAttr.ErrorCode: {
      if (value.length < 4) return raw(code, value, "ERROR-CODE shorter than 4 bytes");
      const number = value[3] ?? 0;
      if (number > 99) return raw(code, value, `ERROR-CODE number ${number} out of range`);
      // coturn sends the reason phrase with its C string terminator; drop trailing NULs.
      const reason = withoutTrailingNuls(value.subarray(4).toString("utf8"));
      return { type: "ERROR-CODE", code: ((value[2] ?? 0) & 0x07) * 100 + number, reason };
    }
    case StunAttr.Lifetime: {
      const problem = fixedLength(code, value, 4);
      return problem ? raw(code, value, problem) : { type: "LIFETIME", seconds: value.readUInt32BE(0) };
    }
    case StunAttr.RequestedTransport: {
      const problem = fixedLength(code, value, 4);
      return problem ? raw(code, value, problem) : { type: "REQUESTED-TRANSPORT", protocol: value[0] ?? 0 };
    }
    case StunAttr.MessageIntegrity: {
      const problem = fixedLength(code, value, 20);
      return problem ? raw(code, value, problem) : { type: "MESSAGE-INTEGRITY", hmac: value };
    }
    case StunAttr.Fingerprint: {
      const problem = fixedLength(code, value, 4);
      return problem ? raw(code, value, problem) : { type: "FINGERPRINT", crc: value.readUInt32BE(0) };
    }
    default:
      return raw(code, value);
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

/** Returns [type code, unpadded value]. Throws only on caller bugs (bad IP string, out-of-range code). */
export function encodeAttribute(attr: StunAttribute, transactionId: Buffer): [number, Buffer] {
  switch (attr.type) {
    case "MAPPED-ADDRESS":
    case "XOR-MAPPED-ADDRESS":
    case "XOR-RELAYED-ADDRESS":
    case "XOR-PEER-ADDRESS": {
      const spec = ADDRESS_TYPES[attr.type];
      return [spec.code, encodeAddress(attr.address, spec.xor, transactionId)];
    }
    case "USERNAME":
    case "REALM":
    case "NONCE":
    case "SOFTWARE":
      return [TEXT_TYPES[attr.type], Buffer.from(attr.value, "utf8")];
    case "ERROR-CODE": {
      if (!Number.isInteger(attr.code) || attr.code < 300 || attr.code > 699)
        throw new RangeError(`bad error code ${attr.code}`);
      const head = Buffer.from([0, 0, Math.floor(attr.code / 100), attr.code % 100]);
      return [StunAttr.ErrorCode, Buffer.concat([head, Buffer.from(attr.reason, "utf8")])];
    }
    case "LIFETIME":
      return [StunAttr.Lifetime, u32(attr.seconds)];
    case "REQUESTED-TRANSPORT":
      return [StunAttr.RequestedTransport, Buffer.from([attr.protocol & 0xff, 0, 0, 0])];
    case "MESSAGE-INTEGRITY":
      return [StunAttr.MessageIntegrity, attr.hmac];
    case "FINGERPRINT":
      return [StunAttr.Fingerprint, u32(attr.crc)];
    case "RAW":
      return [attr.code, attr.value];
  }
}
