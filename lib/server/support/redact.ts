import "server-only";

// Redaction for the support bundle: nothing that could let its reader into a box leaves the
// server. Four layers, each for a way a secret can show up in a raw answer:
// 1. known secrets (node passwords, TURN passwords, the server key) in every encoding a box or a
//    proxy might echo them in: as is, URL-encoded, XML/JSON-escaped, base64, and base64 of
//    "user:password" (a Basic header);
// 2. credential headers: Authorization, Proxy-Authorization, Cookie, Set-Cookie — the value goes;
// 3. credential shapes in any text: Basic/Bearer tokens, URL userinfo (https://user:pass@host),
//    password-like query parameters and XML elements (<password>…</password>);
// 4. everything is applied to bodies, header values and URLs alike.

export const REDACTED = "[redacted]";

/** Shorter secrets would redact ordinary words; Edgescope refuses such node passwords anyway. */
const MIN_SECRET_LENGTH = 4;

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

export interface RedactionInput {
  /** Plaintext secrets (opened from their sealed form) */
  secrets: readonly string[];
  /** Usernames that go with them: "user:password" in base64 is a Basic header */
  usernames: readonly string[];
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
/** Base64 without its padding (a loop: /=+$/ is quadratic on a run of "=" not at the end). */
function unpad(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === "=") end--;
  return s.slice(0, end);
}

/** Every spelling of each secret a raw answer could carry, longest first. */
export function secretVariants({ secrets, usernames }: RedactionInput): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) continue;
    for (const v of [
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%20/g, "+"),
      xmlEscape(s),
      JSON.stringify(s).slice(1, -1),
      b64(s),
      unpad(b64(s)),
    ])
      out.add(v);
    for (const u of usernames) {
      out.add(b64(`${u}:${s}`));
      out.add(unpad(b64(`${u}:${s}`)));
    }
  }
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

export type Redactor = (text: string) => string;

export function makeRedactor(input: RedactionInput): Redactor {
  const variants = secretVariants(input);
  return (text) => {
    // Longest first, so a secret inside a longer variant (its base64 with "user:") goes with it.
    let t = text;
    for (const v of variants) t = t.split(v).join(REDACTED);
    t = t.replace(/\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~-]{6,}/gi, `$1 ${REDACTED}`);
    // The scheme is bounded (RFC 3986 schemes are short): unbounded, a long run of letters is retried from each one.
    t = t.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^/\s:@"'<>]+:[^/\s@"'<>]*@/gi, `$1${REDACTED}@`);
    // Parameter and element names that carry secrets: password|passwd|pass|passphrase|secret|token|apikey|api_key|key.
    t = t.replace(
      /([?&;](?:password|passwd|pass|passphrase|secret|token|apikey|api_key|key)=)[^&\s"'<>]*/gi,
      `$1${REDACTED}`,
    );
    // Attributes stop at the next "<" as well as ">", so each "<" costs only the text up to the next one.
    t = t.replace(
      /<((?:[\w-]+:)?(?:password|passwd|pass|passphrase|secret|token|apikey|api_key|key))(\s[^<>]*)?>[^<]*<\/\1>/gi,
      `<$1$2>${REDACTED}</$1>`,
    );
    return t;
  };
}

/** Header values redacted; credential headers lose their value entirely (the scheme of Authorization stays). */
export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) out[name] = redact(value);
    else
      out[name] = name.toLowerCase().endsWith("authorization")
        ? `${value.split(/\s+/)[0] ?? ""} ${REDACTED}`.trim()
        : REDACTED;
  }
  return out;
}
