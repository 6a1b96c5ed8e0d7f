import "server-only";

// The raw answer of every request a source made in one poll, kept for the support bundle
// (lib/server/support). Recorded as it came off the wire; redaction happens when a bundle is
// built, so nothing here is ever sent anywhere as is.

/** Longest body kept per request: a real status.xml is ~100 KB; a hostile node's 5 MB is cut. */
export const CAPTURED_BODY_MAX = 256 * 1024;
/** Requests kept per source and poll: a CMS with hundreds of objects pages far below this. */
const CAPTURED_REQUESTS_MAX = 400;
/** Response headers worth a support engineer's look; every other header is left out. */
const KEPT_RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "server",
  "date",
  "location",
  "www-authenticate",
  "set-cookie",
  "x-frame-options",
];

export interface CapturedRequest {
  method: "GET";
  /** Full URL as sent (its userinfo, if any, is redacted in a bundle) */
  url: string;
  requestHeaders: Record<string, string>;
  at: string;
  ms: number;
  /** HTTP status, or null when no answer came (then `error` says why) */
  status: number | null;
  headers: Record<string, string>;
  body: string | null;
  bodyTruncated: boolean;
  error: string | null;
}

export class RequestLog {
  readonly requests: CapturedRequest[] = [];
  dropped = 0;

  add(r: CapturedRequest): void {
    if (this.requests.length >= CAPTURED_REQUESTS_MAX) this.dropped++;
    else this.requests.push(r);
  }
}

export function keptHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_RESPONSE_HEADERS) {
    const v = headers[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

export function capturedBody(body: string | null): { body: string | null; bodyTruncated: boolean } {
  if (body === null || body.length <= CAPTURED_BODY_MAX) return { body, bodyTruncated: false };
  return { body: body.slice(0, CAPTURED_BODY_MAX), bodyTruncated: true };
}
