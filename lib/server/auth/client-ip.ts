import "server-only";

/**
 * The caller's address as Next passes it: X-Forwarded-For, which `next start` fills with the
 * socket address unless the client sent one. Behind a reverse proxy, the proxy must overwrite it.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64) || null;
}
