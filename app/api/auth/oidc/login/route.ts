// GET /api/auth/oidc/login?next=/path — starts single sign-on: redirects to the identity provider.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { CALLBACK_PATH, FLOW_COOKIE, FLOW_MAX_MS, redirectUriFor, startSignIn } from "@/lib/server/auth/oidc/oidc-flow";
import { oidcSettings } from "@/lib/server/auth/oidc/oidc-settings";
import { isSecureRequest } from "@/lib/server/auth/session-cookie";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { AppError } from "@/lib/server/http/app-error";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const query = z.object({ next: z.string().max(500).optional() });

export const GET = route({ role: "public", query }, async ({ req, query }) => {
  const s = oidcSettings(getEnv());
  if (!s) throw new AppError(404, "sso_off", "Single sign-on is not configured on this server.");
  const { url, cookie } = await startSignIn(
    s,
    getSecretBox(),
    redirectUriFor(s, req.headers, req.nextUrl),
    query.next ?? "/",
  );
  const res = NextResponse.redirect(url, 302);
  const secure = isSecureRequest(req.nextUrl, req.headers.get("x-forwarded-proto"));
  // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
  res.cookies.set({
    name: FLOW_COOKIE,
    value: cookie,
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: CALLBACK_PATH,
    maxAge: FLOW_MAX_MS / 1000,
  });
  return res;
});
