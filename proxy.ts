import { NextResponse, type NextRequest } from "next/server";

// A fresh CSP nonce per page request: Next applies it to its own scripts, so no inline script
// runs without it. Styles allow inline attributes because charts position elements with them.
export function proxy(request: NextRequest) {
  // Set by the server runtime (lib/server/http/incoming-request.ts) for a path whose
  // percent-encoding does not decode: the same JSON 400 an API route gives.
  if (request.headers.get("x-edgescope-bad-path")) {
    return NextResponse.json(
      {
        error: {
          code: "bad_path",
          message: "The address has a malformed percent-encoding (such as %zz or bytes that are not UTF-8)",
        },
      },
      {
        status: 400,
        headers: {
          "cache-control": "no-store",
          "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        },
      },
    );
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Prefetches too: a request with `next-router-prefetch: 1` but no RSC header is answered with the
  // full page HTML, which must carry the CSP like any other page.
  matcher: [{ source: "/((?!api|metrics|_next/static|_next/image|favicon.ico).*)" }],
};
