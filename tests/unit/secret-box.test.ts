import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateKeyFile, parseKey, SecretBox } from "@/lib/server/crypto/secret-box";

describe("SecretBox", () => {
  const box = new SecretBox(crypto.randomBytes(32));

  it("round-trips and never stores the plaintext", () => {
    const sealed = box.seal("s3cret-pass");
    expect(sealed).not.toContain("s3cret");
    expect(box.open(sealed)).toBe("s3cret-pass");
    expect(box.seal("s3cret-pass")).not.toBe(sealed); // fresh IV each time
  });

  it("refuses a tampered envelope and another key", () => {
    const sealed = box.seal("x");
    const parts = sealed.split(":");
    parts[3] = Buffer.from("y").toString("base64url");
    expect(() => box.open(parts.join(":"))).toThrow();
    expect(() => new SecretBox(crypto.randomBytes(32)).open(sealed)).toThrow();
  });
});

describe("key handling", () => {
  it("parses hex and base64 keys and rejects short ones", () => {
    const key = crypto.randomBytes(32);
    expect(parseKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseKey("abcd")).toThrow(/32 bytes/);
  });

  it("creates the key file once, with mode 0600, and reuses it", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "key-")), "sub", "secret.key");
    const first = loadOrCreateKeyFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file).equals(first)).toBe(true);
  });
});
