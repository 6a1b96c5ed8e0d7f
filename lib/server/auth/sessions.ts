import "server-only";
import crypto from "node:crypto";
import type { Role, SessionUser } from "@/lib/domain/roles";
import type { Db } from "@/lib/server/db/client";

/** A wall-screen board refreshes all day; an idle session ends after 12 h without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** Every session ends after 14 days, however busy, so a stolen cookie does not live forever. */
export const SESSION_MAX_MS = 14 * 24 * 3_600_000;
/** lastSeenAt is written at most this often, so a busy board does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Sessions are stored by the SHA-256 of their token, never the token itself. */
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createSession(
  db: Db,
  userId: string,
  ip: string | null,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await db.session.create({
    data: { tokenHash: hashToken(token), userId, ip, createdAt: now, lastSeenAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** The user behind a session token, or null when the token is unknown, idle too long or expired. */
export async function getSessionUser(db: Db, token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const s = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, username: true, role: true, mustChangePassword: true } } },
  });
  if (!s) return null;
  if (s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.session.delete({ where: { id: s.id } }).catch(() => undefined);
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: s.id }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  return { ...s.user, role: s.user.role as Role };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
