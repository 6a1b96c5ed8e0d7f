import "server-only";

export const SESSION_COOKIE = "edgescope_session";

/** httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: expiresAt,
  };
}

export function clearedSessionCookie(secure: boolean) {
  return {
    name: SESSION_COOKIE,
    value: "",
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: new Date(0),
  };
}

/** True when the browser reached us over HTTPS (directly or through a TLS-terminating proxy). */
export function isSecureRequest(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}
