import "server-only";
import { trimChars } from "@/lib/domain/trim-chars";
import type { Role, SessionUser } from "@/lib/domain/roles";
import type { Db } from "@/lib/server/db/client";
import type { SsoIdentity } from "./oidc-flow";

/** Stored instead of a password hash: never a valid argon2 string, so no password ever matches. */
export const NO_PASSWORD = "!sso";

/** A provider name as an Edgescope username (the same alphabet as local usernames). */
export function usernameFrom(preferred: string): string {
  const lower = preferred.toLowerCase();
  const local = lower.includes("@") ? lower.slice(0, lower.indexOf("@")) : lower;
  const base = trimChars(local.replace(/[^a-z0-9._-]+/g, "-"), (ch) => ch === "-").slice(0, 56);
  return base.length >= 2 ? base : `user-${base}`.slice(0, 56);
}

/**
 * The Edgescope user behind a provider identity, created at first sign-in. The link is the
 * provider's (issuer, subject), never the name: a local account that happens to share the name is
 * not taken over (the SSO user gets a suffix). The role follows the provider's groups at every sign-in.
 */
export async function userForIdentity(db: Db, id: SsoIdentity): Promise<SessionUser> {
  const link = await db.oidcIdentity.findUnique({
    where: { issuer_subject: { issuer: id.issuer, subject: id.subject } },
  });
  const linked = link ? await db.user.findUnique({ where: { id: link.userId } }) : null;
  if (linked) {
    const user =
      linked.role === id.role ? linked : await db.user.update({ where: { id: linked.id }, data: { role: id.role } });
    await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return { id: user.id, username: user.username, role: user.role as Role, mustChangePassword: false };
  }
  if (link) await db.oidcIdentity.delete({ where: { id: link.id } }); // its user was deleted by an admin
  const base = usernameFrom(id.preferredName);
  let username = base;
  for (let i = 1; await db.user.findUnique({ where: { username } }); i++) username = `${base}-sso${i > 1 ? i : ""}`;
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: { username, role: id.role, passwordHash: NO_PASSWORD, lastLoginAt: new Date() },
    });
    await tx.oidcIdentity.create({ data: { issuer: id.issuer, subject: id.subject, userId: u.id } });
    return u;
  });
  return { id: user.id, username: user.username, role: user.role as Role, mustChangePassword: false };
}
