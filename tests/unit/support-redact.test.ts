import { describe, expect, it } from "vitest";
import { makeRedactor, redactHeaders, REDACTED, secretVariants } from "@/lib/server/support/redact";

// The support bundle's redaction: no secret survives, whatever encoding a box echoes it in.

const PASSWORD = "Tr0ub4dor&3:x/y+z";
const TURN = "turn-Secret-99";
const redact = makeRedactor({ secrets: [PASSWORD, TURN], usernames: ["admin", "cmsturn"] });
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Every way the tests below could find a secret still there. */
const leaks = (text: string) =>
  [
    PASSWORD,
    TURN,
    encodeURIComponent(PASSWORD),
    b64(PASSWORD),
    b64(`admin:${PASSWORD}`),
    b64(`cmsturn:${TURN}`),
    "Tr0ub4dor&amp;3",
  ].filter((s) => text.includes(s));

describe("makeRedactor", () => {
  it.each([
    ["as is in a body", `<x>${PASSWORD}</x>`],
    ["XML-escaped", `<x>Tr0ub4dor&amp;3:x/y+z</x>`],
    ["URL-encoded in a query", `/getxml?location=/Status&p=${encodeURIComponent(PASSWORD)}`],
    ["as base64", `token ${b64(PASSWORD)}`],
    ["as a Basic header value", `Authorization: Basic ${b64(`admin:${PASSWORD}`)}`],
    ["as base64 of user:password without padding", `${b64(`admin:${PASSWORD}`).replace(/=+$/, "")}`],
    ["in URL userinfo", `https://admin:${PASSWORD}@vcs-c.example.local/status.xml`],
    ["JSON-escaped", JSON.stringify({ password: PASSWORD })],
    [
      "the TURN password in a CMS body",
      `<turnServer><username>cmsturn</username><password>${TURN}</password></turnServer>`,
    ],
  ])("removes a secret %s", (_n, text) => {
    const out = redact(text);
    expect(leaks(out)).toEqual([]);
    expect(out).toContain(REDACTED);
  });

  it.each([
    [
      "any Basic credentials, even unknown ones",
      `Authorization: Basic ${b64("someone:other-pass")}`,
      /Basic \[redacted\]/,
    ],
    ["Bearer tokens", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", /Bearer \[redacted\]/],
    ["unknown URL userinfo", "https://root:hunter22@192.0.2.10/", /https:\/\/\[redacted\]@192\.0\.2\.10\//],
    ["password-like query parameters", "/login?user=a&password=letmein&x=1", /password=\[redacted\]&x=1/],
    [
      "password-like XML elements",
      "<cfg><secret>abc123</secret><passphrase>x y</passphrase></cfg>",
      /<secret>\[redacted\]<\/secret><passphrase>\[redacted\]<\/passphrase>/,
    ],
  ])("removes credential shapes: %s", (_n, text, expected) => {
    expect(redact(text)).toMatch(expected);
  });

  it("leaves ordinary payloads alone", () => {
    const xml = `<Status><TURN><Server><Status>Active</Status></Server></TURN><Relays><Current>4</Current></Relays></Status>`;
    expect(redact(xml)).toBe(xml);
  });

  it("never treats a very short secret as a pattern (it would eat ordinary words)", () => {
    expect(secretVariants({ secrets: ["ab"], usernames: ["u"] })).toEqual([]);
  });
});

describe("redactHeaders", () => {
  it("drops credential header values, keeps the auth scheme, and redacts secrets in other headers", () => {
    const out = redactHeaders(
      {
        authorization: `Basic ${b64(`admin:${PASSWORD}`)}`,
        cookie: "SESSION=abc",
        "set-cookie": `SESSION=${PASSWORD}; Path=/`,
        "x-echo": `Basic ${b64(`admin:${PASSWORD}`)}`,
        "content-type": "text/xml",
      },
      redact,
    );
    expect(out).toEqual({
      authorization: `Basic ${REDACTED}`,
      cookie: REDACTED,
      "set-cookie": REDACTED,
      "x-echo": `Basic ${REDACTED}`,
      "content-type": "text/xml",
    });
  });
});
