import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).

/** The rules for a chosen password live in lib/domain/password-rules.ts (the forms use them too). */
export { passwordProblem, passwordSchema } from "@/lib/domain/password-rules";

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
