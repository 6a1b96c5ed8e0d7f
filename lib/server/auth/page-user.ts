import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { hasRole, type Role, type SessionUser } from "@/lib/domain/roles";
import { getDb } from "@/lib/server/db/client";
import { SESSION_COOKIE } from "./session-cookie";
import { getSessionUser } from "./sessions";

/** For server components: the logged-in user, or a 401 (login form) / 403 page. */
export async function requirePageUser(role: Role, opts: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser(getDb(), (await cookies()).get(SESSION_COOKIE)?.value);
  if (!user) unauthorized();
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/account/password");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
