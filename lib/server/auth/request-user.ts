import "server-only";
import type { NextRequest } from "next/server";
import { hasRole, type Role, type SessionUser } from "@/lib/domain/roles";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { authorizeBearer } from "./api-tokens";
import { isCrossSite } from "./origin-check";
import { SESSION_COOKIE } from "./session-cookie";
import { getSessionUser } from "./sessions";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The one authorisation gate for API routes: bearer token, or session → role → origin for mutations. */
export async function authorizeRequest(req: NextRequest, role: Role | "public"): Promise<SessionUser | null> {
  // A bearer token is no cookie, so the origin check below (a cookie defence) is not its business.
  const tokenUser = role === "public" ? undefined : await authorizeBearer(req, role);
  if (tokenUser) return tokenUser;
  if (MUTATING.has(req.method) && isCrossSite(req.headers, req.headers.get("host"))) {
    throw new AppError(
      403,
      "cross_site",
      "Cross-site requests are refused: use Edgescope from its own pages or a script without browser cookies.",
    );
  }
  if (role === "public") return null;
  const user = await getSessionUser(getDb(), req.cookies.get(SESSION_COOKIE)?.value);
  if (!user) throw new AppError(401, "unauthenticated", "Log in first: this needs a session.");
  if (user.mustChangePassword && !req.nextUrl.pathname.startsWith("/api/auth/")) {
    throw new AppError(403, "password_change_required", "Choose a new password first (Account › Password).");
  }
  if (!hasRole(user.role, role))
    throw new AppError(403, "forbidden", `This needs the ${role} role; you are ${user.role}.`);
  return user;
}
