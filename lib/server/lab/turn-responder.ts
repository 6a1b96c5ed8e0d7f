import "server-only";
import {
  StunAttr,
  StunMethod,
  TRANSPORT_UDP,
  decodeStunMessage,
  encodeStunMessage,
  errorReasonFor,
  findAttribute,
  longTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  type DecodedStunMessage,
  type StunAttribute,
  type StunClass,
  type TransportAddress,
} from "@/lib/server/probes/turn/stun-codec";
import { NonceBook } from "./turn-nonce";

// The STUN/TURN server side of one lab Expressway-E, written with our own codec: Binding (RFC
// 8489), and Allocate / Refresh with long-term credentials (RFC 8656), answered by the RFCs'
// rules. It hands out relayed addresses from Expressway-E's documentation public address and its
// relay port range, but opens no relay: the lab only has to be a convincing TURN peer for probes.

/** RFC 8656 §2: default allocation lifetime, and the most a client may ask for. */
const DEFAULT_LIFETIME_S = 600;
const MAX_LIFETIME_S = 3600;
/** Expressway-E's TURN relay port range (domain brief, T3). */
const RELAY_PORT_FIRST = 24_000;
const RELAY_PORT_LAST = 29_999;
/** Answers replayed to retransmissions for 40 s (RFC 8489 §6.3.1: Ti = 39.5 s), bounded in count. */
const RESPONSE_CACHE_MS = 40_000;
const RESPONSE_CACHE_MAX = 512;
/** Allocations at once before 508 Insufficient Capacity: keeps a runaway client from filling memory. */
const MAX_ALLOCATIONS = 1000;
const KNOWN_ATTRIBUTES = new Set<number>(Object.values(StunAttr));

export interface TurnClient {
  transport: "udp" | "tcp";
  address: string;
  port: number;
}

/** What the Expressway-E's TURN configuration says right now (the lab's faults bend it). */
export interface TurnPolicy {
  /** Password of the TURN user in Expressway-E's local authentication database (C3). */
  password: string;
  /** Every Allocate is refused with 486 Allocation Quota Reached. */
  quotaReached: boolean;
}

export interface TurnResponderOptions {
  realm: string;
  username: string;
  /** Expressway-E's public address: the relayed address clients are given (C5 clientAddress). */
  relayAddress: string;
  software: string;
  policy: () => TurnPolicy;
  now: () => number;
}

interface Allocation {
  username: string;
  relayPort: number;
  expiresAt: number;
}

type Auth = { ok: true; key: Buffer; username: string } | { ok: false; response: Buffer };

const tupleOf = (c: TurnClient) => `${c.transport}:${c.address}:${c.port}`;
const family = (address: string): TransportAddress["family"] => (address.includes(":") ? "IPv6" : "IPv4");

export class TurnResponder {
  private readonly allocations = new Map<string, Allocation>();
  private readonly recent = new Map<string, { at: number; response: Buffer }>();
  private readonly nonces: NonceBook;
  private nextRelayPort = RELAY_PORT_FIRST;

  constructor(private readonly o: TurnResponderOptions) {
    this.nonces = new NonceBook(o.now);
  }

  /** The bytes to send back for one received datagram or stream frame, or null to stay silent. */
  answer(bytes: Buffer, client: TurnClient): Buffer | null {
    const decoded = decodeStunMessage(bytes);
    // Only requests get answers; a bad FINGERPRINT means it was not STUN after all (RFC 8489 §7.3).
    if (!decoded.ok || decoded.message.cls !== "request" || verifyFingerprint(decoded.message.raw) === "invalid")
      return null;
    const request = decoded.message;
    const cacheKey = `${tupleOf(client)}|${request.transactionId.toString("hex")}`;
    this.expire();
    const cached = this.recent.get(cacheKey);
    if (cached) return cached.response;
    const response = this.handle(request, client);
    this.recent.set(cacheKey, { at: this.o.now(), response });
    if (this.recent.size > RESPONSE_CACHE_MAX) this.recent.delete(this.recent.keys().next().value!);
    return response;
  }

  /** A TCP connection closed: its allocation goes with it (RFC 8656 §4: the 5-tuple is gone). */
  release(client: TurnClient): void {
    this.allocations.delete(tupleOf(client));
  }

  /** Allocations alive now, for tests and the lab's own sanity. */
  allocationCount(): number {
    this.expire();
    return this.allocations.size;
  }

  private handle(request: DecodedStunMessage, client: TurnClient): Buffer {
    const unknown = request.attributes.flatMap((a) =>
      a.type === "RAW" && a.code < 0x8000 && !KNOWN_ATTRIBUTES.has(a.code) ? [a.code] : [],
    );
    if (unknown.length) return this.error(request, 420, [unknownAttributes(unknown)]);
    const mapped: StunAttribute = {
      type: "XOR-MAPPED-ADDRESS",
      address: { family: family(client.address), address: client.address, port: client.port },
    };
    if (request.method === StunMethod.Binding) return this.reply(request, "success", [mapped]);
    if (request.method !== StunMethod.Allocate && request.method !== StunMethod.Refresh) {
      // CreatePermission, ChannelBind…: the lab relays nothing, so it does not pretend to.
      return this.error(request, 400, [], undefined, "Bad Request (method not simulated by the lab)");
    }
    const auth = this.authenticate(request);
    if (!auth.ok) return auth.response;
    return request.method === StunMethod.Allocate
      ? this.allocate(request, client, auth, mapped)
      : this.refresh(request, client, auth);
  }

  /** Long-term credentials, in the order of RFC 8489 §9.2.4. */
  private authenticate(request: DecodedStunMessage): Auth {
    const challenge = (code: number): Auth => ({
      ok: false,
      response: this.error(request, code, [
        { type: "REALM", value: this.o.realm },
        { type: "NONCE", value: this.nonces.issue() },
      ]),
    });
    if (!findAttribute(request, "MESSAGE-INTEGRITY")) return challenge(401);
    const username = findAttribute(request, "USERNAME")?.value;
    const realm = findAttribute(request, "REALM")?.value;
    const nonce = findAttribute(request, "NONCE")?.value;
    if (username === undefined || realm === undefined || nonce === undefined)
      return { ok: false, response: this.error(request, 400) };
    if (!this.nonces.isValid(nonce)) return challenge(438);
    if (username !== this.o.username || realm !== this.o.realm) return challenge(401);
    const key = longTermKey(username, realm, this.o.policy().password);
    if (verifyMessageIntegrity(request.raw, key) !== "valid") return challenge(401);
    return { ok: true, key, username };
  }

  private allocate(
    request: DecodedStunMessage,
    client: TurnClient,
    auth: Extract<Auth, { ok: true }>,
    mapped: StunAttribute,
  ): Buffer {
    const tuple = tupleOf(client);
    if (this.allocations.has(tuple)) return this.error(request, 437, [], auth.key);
    const transport = findAttribute(request, "REQUESTED-TRANSPORT");
    if (!transport) return this.error(request, 400, [], auth.key, "Bad Request (no REQUESTED-TRANSPORT)");
    if (transport.protocol !== TRANSPORT_UDP) return this.error(request, 442, [], auth.key);
    if (this.o.policy().quotaReached) return this.error(request, 486, [], auth.key);
    const relayPort = this.freeRelayPort();
    if (relayPort === undefined) return this.error(request, 508, [], auth.key);
    const lifetime = grantedLifetime(findAttribute(request, "LIFETIME")?.seconds);
    this.allocations.set(tuple, { username: auth.username, relayPort, expiresAt: this.o.now() + lifetime * 1000 });
    const relayed: StunAttribute = {
      type: "XOR-RELAYED-ADDRESS",
      address: { family: family(this.o.relayAddress), address: this.o.relayAddress, port: relayPort },
    };
    return this.reply(request, "success", [relayed, { type: "LIFETIME", seconds: lifetime }, mapped], auth.key);
  }

  private refresh(request: DecodedStunMessage, client: TurnClient, auth: Extract<Auth, { ok: true }>): Buffer {
    const tuple = tupleOf(client);
    const allocation = this.allocations.get(tuple);
    if (!allocation) return this.error(request, 437, [], auth.key);
    // RFC 8656 §7.2: only the credentials that made the allocation may refresh it.
    if (allocation.username !== auth.username) return this.error(request, 441, [], auth.key);
    const asked = findAttribute(request, "LIFETIME")?.seconds;
    if (asked === 0) {
      this.allocations.delete(tuple);
      return this.reply(request, "success", [{ type: "LIFETIME", seconds: 0 }], auth.key);
    }
    const lifetime = grantedLifetime(asked);
    allocation.expiresAt = this.o.now() + lifetime * 1000;
    return this.reply(request, "success", [{ type: "LIFETIME", seconds: lifetime }], auth.key);
  }

  private freeRelayPort(): number | undefined {
    if (this.allocations.size >= MAX_ALLOCATIONS) return undefined;
    const used = new Set([...this.allocations.values()].map((a) => a.relayPort));
    for (let tries = 0; tries <= RELAY_PORT_LAST - RELAY_PORT_FIRST; tries++) {
      const port = this.nextRelayPort;
      this.nextRelayPort = port >= RELAY_PORT_LAST ? RELAY_PORT_FIRST : port + 1;
      if (!used.has(port)) return port;
    }
    return undefined;
  }

  private expire(): void {
    const now = this.o.now();
    for (const [tuple, a] of this.allocations) if (a.expiresAt <= now) this.allocations.delete(tuple);
    for (const [key, r] of this.recent) if (now - r.at > RESPONSE_CACHE_MS) this.recent.delete(key);
  }

  /** MESSAGE-INTEGRITY with the request's key once it authenticated (RFC 8489 §9.2.4), then FINGERPRINT. */
  private reply(request: DecodedStunMessage, cls: StunClass, attributes: StunAttribute[], key?: Buffer): Buffer {
    return encodeStunMessage(
      {
        method: request.method,
        cls,
        transactionId: request.transactionId,
        attributes: [...attributes, { type: "SOFTWARE", value: this.o.software }],
      },
      { fingerprint: true, ...(key ? { integrityKey: key } : {}) },
    );
  }

  private error(
    request: DecodedStunMessage,
    code: number,
    extra: StunAttribute[] = [],
    key?: Buffer,
    reason?: string,
  ): Buffer {
    return this.reply(
      request,
      "error",
      [{ type: "ERROR-CODE", code, reason: reason ?? errorReasonFor(code) ?? "Error" }, ...extra],
      key,
    );
  }
}

/** RFC 8656 §7.2/§7.3: the default when none or less is asked for, never more than the maximum. */
export function grantedLifetime(asked: number | undefined): number {
  return Math.min(Math.max(asked ?? DEFAULT_LIFETIME_S, DEFAULT_LIFETIME_S), MAX_LIFETIME_S);
}

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the 16-bit codes we did not understand. */
function unknownAttributes(codes: number[]): StunAttribute {
  const value = Buffer.alloc(codes.length * 2);
  codes.forEach((c, i) => value.writeUInt16BE(c, i * 2));
  return { type: "RAW", code: StunAttr.UnknownAttributes, name: "UNKNOWN-ATTRIBUTES", value };
}
