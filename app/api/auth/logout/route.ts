// POST /api/auth/logout — ends this session.
import { auditRequest } from "@/lib/server/audit/audit-request";
import { clearedSessionCookie, isSecureRequest, SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { deleteSession } from "@/lib/server/auth/sessions";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "viewer" }, async (ctx) => {
  await deleteSession(getDb(), ctx.req.cookies.get(SESSION_COOKIE)?.value);
  await auditRequest(ctx, "logout");
  const res = json({ ok: true });
  res.cookies.set(clearedSessionCookie(isSecureRequest(ctx.req.nextUrl, ctx.req.headers.get("x-forwarded-proto"))));
  return res;
});
