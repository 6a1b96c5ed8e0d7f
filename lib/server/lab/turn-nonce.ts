import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a lab TURN nonce stays valid; coturn's default stale-nonce time (600 s). */
export const NONCE_LIFETIME_MS = 600_000;

/**
 * Nonces for the lab TURN server's long-term credentials (RFC 8489 §9.2). Stateless: a nonce
 * carries its own expiry, signed with a per-process secret, so the server keeps no nonce table
 * and a nonce from before a lab restart (or never issued) is simply stale (438).
 */
export class NonceBook {
  private readonly secret = randomBytes(16);

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs = NONCE_LIFETIME_MS,
  ) {}

  issue(): string {
    const expiry = (this.now() + this.lifetimeMs).toString(16);
    return `${expiry}.${this.sign(expiry)}`;
  }

  isValid(nonce: string): boolean {
    const [expiry = "", mac = ""] = nonce.split(".");
    const expected = Buffer.from(this.sign(expiry));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return parseInt(expiry, 16) > this.now();
  }

  private sign(expiry: string): string {
    return createHmac("sha256", this.secret).update(expiry).digest("base64url").slice(0, 22);
  }
}
