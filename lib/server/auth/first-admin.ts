import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import { hashPassword } from "./password";

/**
 * First start: with no users at all, creates "admin" from EDGESCOPE_ADMIN_PASSWORD, or with a
 * generated one-time password printed once (the admin must replace it at first login).
 */
export async function ensureFirstAdmin(
  db: Db,
  configured: string | undefined,
  print: (line: string) => void,
): Promise<void> {
  if ((await db.user.count()) > 0) return;
  // A configured password was checked with the other settings (lib/env.ts).
  const password = configured ?? crypto.randomBytes(12).toString("base64url");
  try {
    await db.user.create({
      data: {
        username: "admin",
        passwordHash: await hashPassword(password),
        role: "admin",
        mustChangePassword: !configured,
      },
    });
  } catch {
    return; // another instance created it first
  }
  if (configured) print('[edgescope] created user "admin" with the password from EDGESCOPE_ADMIN_PASSWORD');
  else
    print(
      `[edgescope] created user "admin" with one-time password: ${password}  (shown once; you must change it at first login)`,
    );
}
