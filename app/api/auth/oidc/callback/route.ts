// GET /api/auth/oidc/callback — the identity provider sends the browser back here: checks the
// answer, opens a session as a local login does, and goes on (or to the login page with the reason).
import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { audit } from "@/lib/server/audit/audit-log";
import { clientIp } from "@/lib/server/auth/client-ip";
import { CALLBACK_PATH, finishSignIn, FLOW_COOKIE, redirectUriFor, SsoRefusal } from "@/lib/server/auth/oidc/oidc-flow";
import { oidcSettings } from "@/lib/server/auth/oidc/oidc-settings";
import { userForIdentity } from "@/lib/server/auth/oidc/sso-users";
import { isSecureRequest, sessionCookie } from "@/lib/server/auth/session-cookie";
import { createSession } from "@/lib/server/auth/sessions";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A relative Location: the browser stays on the address it used, whatever a proxy calls us. */
const goTo = (path: string) =>
  new NextResponse(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });

export const GET = route({ role: "public" }, async ({ req }) => {
  const s = oidcSettings(getEnv());
  if (!s) throw new AppError(404, "sso_off", "Single sign-on is not configured on this server.");
  const db = getDb();
  const ip = clientIp(req.headers);
  const secure = isSecureRequest(req.nextUrl, req.headers.get("x-forwarded-proto"));
  let res: NextResponse;
  try {
    const identity = await finishSignIn(
      s,
      getSecretBox(),
      redirectUriFor(s, req.headers, req.nextUrl),
      req.nextUrl,
      req.cookies.get(FLOW_COOKIE)?.value,
    );
    const user = await userForIdentity(db, identity);
    const { token, expiresAt } = await createSession(db, user.id, ip);
    await audit(db, {
      username: user.username,
      action: "login.sso",
      detail: `${s.name}, subject ${identity.subject}, role ${user.role}`,
      ip,
    });
    res = goTo(identity.next);
    res.cookies.set(sessionCookie(token, expiresAt, secure));
  } catch (err) {
    if (!(err instanceof SsoRefusal)) throw err;
    await audit(db, {
      username: null,
      action: "login.sso",
      detail: `${err.code}: ${err.message}`,
      ip,
      outcome: "denied",
    });
    res = goTo(`/login?sso=${err.code}`);
  }
  res.cookies.set({
    name: FLOW_COOKIE,
    value: "",
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: CALLBACK_PATH,
    expires: new Date(0),
  });
  return res;
});
