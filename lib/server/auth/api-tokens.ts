import "server-only";
import type { NextRequest } from "next/server";
import { hasRole, type Role, type SessionUser } from "@/lib/domain/roles";
import { audit } from "@/lib/server/audit/audit-log";
import { getDb, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { hashApiToken } from "@/lib/server/tokens/manage-tokens";
import { clientIp } from "./client-ip";

/** lastUsedAt is written at most this often, so a 15 s scraper does not write on every request. */
const TOUCH_EVERY_MS = 60_000;
/** A read (GET) by the same token on the same path is audited at most this often; writes always are. */
const AUDIT_READS_EVERY_MS = 60_000;
/** Query parameters scripts commonly put tokens in; we refuse them by name so the caller learns why. */
const QUERY_TOKEN_NAMES = ["access_token", "token", "api_key", "apikey", "bearer"];
/** Routes that act on a person's own login and mean nothing for a token. */
const PERSON_ONLY = ["/api/auth/password", "/api/auth/logout", "/api/auth/login"];

const lastReadAudit = new Map<string, number>();

/** How a token appears as the actor in the audit log and in `user.username`. */
export const tokenActor = (t: { id: string; name: string }) => `token:${t.name} (${t.id})`;

/** The identity behind a bearer secret, or null when it is unknown or expired. */
export async function findTokenUser(
  db: Db,
  secret: string,
  now = new Date(),
): Promise<(SessionUser & { tokenId: string }) | null> {
  if (secret.length > 200) return null;
  const t = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
  if (!t || (t.expiresAt && t.expiresAt <= now)) return null;
  return { id: t.id, tokenId: t.id, username: tokenActor(t), role: t.role as Role, mustChangePassword: false };
}

function bearerSecret(req: NextRequest): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new AppError(401, "bad_token", "The Authorization header must be `Bearer <token>`.");
  return m[1]!;
}

/**
 * Authorises a request that carries `Authorization: Bearer …`; returns undefined when it carries
 * none, so the cookie path runs. A token is never a browser cookie, so the cross-site check
 * (which guards cookies) does not apply, and a token is never read from the query string:
 * addresses end up in proxy logs and browser history.
 */
export async function authorizeBearer(
  req: NextRequest,
  role: Role,
  now = new Date(),
): Promise<SessionUser | undefined> {
  const secret = bearerSecret(req);
  if (secret === null) {
    const named = QUERY_TOKEN_NAMES.find((n) => req.nextUrl.searchParams.has(n));
    if (named)
      throw new AppError(
        401,
        "token_in_query",
        `Tokens are never accepted in the address (?${named}=): send them as "Authorization: Bearer <token>".`,
      );
    return undefined;
  }
  const db = getDb();
  const user = await findTokenUser(db, secret, now);
  if (!user) throw new AppError(401, "bad_token", "This API token is unknown, revoked or expired.");
  const path = req.nextUrl.pathname;
  if (PERSON_ONLY.includes(path))
    throw new AppError(
      403,
      "token_not_allowed",
      "API tokens cannot log in, log out or change passwords; those are for people.",
    );
  const allowed = hasRole(user.role, role);
  await recordUse(db, user, req, allowed, now);
  if (!allowed) throw new AppError(403, "forbidden", `This needs the ${role} role; the token has ${user.role}.`);
  return user;
}

/** Every use is attributable: writes and refusals always, reads once a minute per path. */
async function recordUse(
  db: Db,
  user: SessionUser & { tokenId: string },
  req: NextRequest,
  allowed: boolean,
  now: Date,
) {
  const ip = clientIp(req.headers);
  const path = req.nextUrl.pathname;
  const key = `${user.tokenId} ${req.method} ${path}`;
  const isRead = req.method === "GET" || req.method === "HEAD";
  const last = lastReadAudit.get(key) ?? 0;
  if (!allowed || !isRead || now.getTime() - last >= AUDIT_READS_EVERY_MS) {
    if (isRead && allowed) lastReadAudit.set(key, now.getTime());
    if (lastReadAudit.size > 10_000) lastReadAudit.clear(); // bounded: paths include ids
    await audit(
      db,
      {
        username: user.username,
        action: "token.use",
        target: `${req.method} ${path}`,
        ip,
        outcome: allowed ? "ok" : "denied",
      },
      now,
    );
  }
  await db.apiToken
    .updateMany({
      where: {
        id: user.tokenId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS) } }],
      },
      data: { lastUsedAt: now, lastUsedIp: ip },
    })
    .catch(() => undefined);
}
