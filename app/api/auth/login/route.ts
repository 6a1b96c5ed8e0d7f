// POST /api/auth/login {username, password} — opens a session (httpOnly cookie); rate-limited.
import { z } from "zod";
import { clientIp } from "@/lib/server/auth/client-ip";
import { getEnv } from "@/lib/env";
import { login } from "@/lib/server/auth/login";
import { assertLocalLoginOn } from "@/lib/server/auth/oidc/oidc-settings";
import { isSecureRequest, sessionCookie } from "@/lib/server/auth/session-cookie";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const body = z.object({
  username: z.string().trim().toLowerCase().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").max(256),
});

export const POST = route({ role: "public", body }, async ({ body, req }) => {
  assertLocalLoginOn(getEnv());
  const { user, token, expiresAt } = await login(getDb(), body.username, body.password, clientIp(req.headers));
  const res = json({ user });
  res.cookies.set(sessionCookie(token, expiresAt, isSecureRequest(req.nextUrl, req.headers.get("x-forwarded-proto"))));
  return res;
});
