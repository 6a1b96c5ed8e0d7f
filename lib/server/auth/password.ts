import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).

/** Long passphrases beat complexity rules; 12 is NIST 800-63B's floor for a chosen secret plus margin. */
export const passwordSchema = z.string().min(12, "Password must be at least 12 characters").max(256, "Password must be at most 256 characters");

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never logs anyone in
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so response timing does not reveal unknown usernames. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hash("edgescope-timing-equaliser");
  await verifyPassword(await dummy, password);
}
