import "server-only";
import type { Role, SessionUser } from "@/lib/domain/roles";
import { audit } from "@/lib/server/audit/audit-log";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { reserveLogin } from "./login-limits";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createSession } from "./sessions";

const tooMany = (ms: number) =>
  new AppError(429, "rate_limited", `Too many failed logins. Try again in ${Math.ceil(ms / 60_000)} min.`);

/** Stands for the address when none is known, so the per-address limits still apply. */
const UNKNOWN_ADDRESS = "unknown";

/** Checks a username and password; on success opens a session. Failures never say which part was wrong. */
export async function login(
  db: Db,
  username: string,
  password: string,
  ip: string | null,
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const userKey = username.toLowerCase();
  // Reserved before the slow hash check, so parallel guesses cannot all slip under the limit.
  const slot = await reserveLogin(db, userKey, ip ?? UNKNOWN_ADDRESS);
  if (!slot.ok) {
    await audit(db, { username, action: "login", ip, outcome: "denied", detail: "rate limited" });
    throw tooMany(slot.retryAfterMs);
  }
  const user = await db.user.findUnique({ where: { username: userKey } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  await slot.settle(!!user && ok);
  if (!user || !ok) {
    await audit(db, { username, action: "login", ip, outcome: "failed" });
    throw new AppError(401, "bad_credentials", "Wrong username or password.");
  }
  const { token, expiresAt } = await createSession(db, user.id, ip);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit(db, { username: user.username, action: "login", ip });
  return {
    user: {
      id: user.id,
      username: user.username,
      role: user.role as Role,
      mustChangePassword: user.mustChangePassword,
    },
    token,
    expiresAt,
  };
}
