import "server-only";

/**
 * CSRF defence for state-changing requests, on top of the SameSite=Lax cookie: a browser always
 * says where a request comes from (Sec-Fetch-Site, Origin or Referer), and it must be this site.
 * Requests that carry none of them come from scripts, which cannot ride a user's cookie.
 */
export function isCrossSite(headers: Headers, host: string | null): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const source = headers.get("origin") ?? headers.get("referer");
  if (!source || source === "null") return source === "null";
  try {
    return new URL(source).host !== host;
  } catch {
    return true;
  }
}
