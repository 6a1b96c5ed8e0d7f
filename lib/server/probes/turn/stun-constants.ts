import "server-only";

export const MAGIC_COOKIE = 0x2112a442;
export const HEADER_LENGTH = 20;
/** XORed into the CRC32 so a FINGERPRINT never matches the CRC of some other protocol. */
export const FINGERPRINT_XOR = 0x5354554e;

export const StunMethod = {
  Binding: 0x001,
  Allocate: 0x003,
  Refresh: 0x004,
  Send: 0x006,
  Data: 0x007,
  CreatePermission: 0x008,
  ChannelBind: 0x009,
} as const;

export type StunClass = "request" | "indication" | "success" | "error";
export const STUN_CLASSES: readonly StunClass[] = ["request", "indication", "success", "error"];

export const StunAttr = {
  MappedAddress: 0x0001,
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  UnknownAttributes: 0x000a,
  ChannelNumber: 0x000c,
  Lifetime: 0x000d,
  XorPeerAddress: 0x0012,
  Data: 0x0013,
  Realm: 0x0014,
  Nonce: 0x0015,
  XorRelayedAddress: 0x0016,
  RequestedAddressFamily: 0x0017,
  EvenPort: 0x0018,
  RequestedTransport: 0x0019,
  DontFragment: 0x001a,
  MessageIntegritySha256: 0x001c,
  PasswordAlgorithm: 0x001d,
  Userhash: 0x001e,
  XorMappedAddress: 0x0020,
  ReservationToken: 0x0022,
  Priority: 0x0024,
  UseCandidate: 0x0025,
  PasswordAlgorithms: 0x8002,
  AlternateDomain: 0x8003,
  Software: 0x8022,
  AlternateServer: 0x8023,
  Fingerprint: 0x8028,
  IceControlled: 0x8029,
  IceControlling: 0x802a,
  ResponseOrigin: 0x802b,
  OtherAddress: 0x802c,
} as const;

const METHOD_NAMES = new Map<number, string>(Object.entries(StunMethod).map(([name, code]) => [code, name]));

const ATTR_NAMES = new Map<number, string>(
  Object.entries(StunAttr).map(([name, code]) => [code, name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toUpperCase()]),
);

export function methodName(method: number): string {
  return METHOD_NAMES.get(method) ?? `Method 0x${method.toString(16).padStart(3, "0")}`;
}

export function attributeName(type: number): string {
  return ATTR_NAMES.get(type) ?? `0x${type.toString(16).padStart(4, "0")}`;
}

/** "Allocate error response" — the wording Wireshark uses, which is what people compare against (T1). */
export function messageLabel(method: number, cls: StunClass): string {
  const suffix = { request: "request", indication: "indication", success: "success response", error: "error response" };
  return `${methodName(method)} ${suffix[cls]}`;
}

// 430-432 are RFC 3489 codes that RFC 5389 dropped; Expressway still sends 431 for bad TURN
// credentials (api-formats §6b, T1), so they must get a name here rather than "unknown".
const ERROR_REASONS = new Map<number, string>([
  [300, "Try Alternate"],
  [400, "Bad Request"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [405, "Mobility Forbidden"],
  [420, "Unknown Attribute"],
  [430, "Stale Credentials"],
  [431, "Integrity Check Failure"],
  [432, "Missing Username"],
  [437, "Allocation Mismatch"],
  [438, "Stale Nonce"],
  [440, "Address Family not Supported"],
  [441, "Wrong Credentials"],
  [442, "Unsupported Transport Protocol"],
  [443, "Peer Address Family Mismatch"],
  [486, "Allocation Quota Reached"],
  [487, "Role Conflict"],
  [500, "Server Error"],
  [508, "Insufficient Capacity"],
]);

export function errorReasonFor(code: number): string | undefined {
  return ERROR_REASONS.get(code);
}

/** IANA protocol number carried in REQUESTED-TRANSPORT; TURN (RFC 8656) only allocates UDP relays. */
export const TRANSPORT_UDP = 17;
