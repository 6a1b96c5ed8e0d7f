import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// AES-256-GCM envelope for stored credentials: "v1:<iv>:<tag>:<ciphertext>" in base64url.
const VERSION = "v1";
const IV_BYTES = 12; // the GCM nonce size NIST recommends

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("secret key must be 32 bytes");
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(":");
  }

  open(envelope: string): string {
    const [version, iv, tag, data] = envelope.split(":");
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed secret");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  }

  /** Whether this key opens the envelope: lists say "password set" only for passwords that can be used. */
  canOpen(envelope: string): boolean {
    try {
      this.open(envelope);
      return true;
    } catch {
      return false;
    }
  }
}

/** Parses a 32-byte key given as 64 hex characters or base64. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  // Node's base64 decoder skips characters it does not know, so the alphabet is checked first.
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, "base64")
      : Buffer.alloc(0);
  if (key.length !== 32) throw new Error("EDGESCOPE_SECRET_KEY must be 32 bytes (64 hex characters or base64)");
  return key;
}

/** Reads the key file, creating it (mode 0600) with a random key on first use. */
export function loadOrCreateKeyFile(file: string): Buffer {
  try {
    return parseKey(fs.readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    // Another process created it first: use theirs so both can read each other's secrets.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return parseKey(fs.readFileSync(file, "utf8"));
    throw err;
  }
}
