import { describe, expect, it } from "vitest";
import { NONCE_LIFETIME_MS, NonceBook } from "@/lib/server/lab/turn-nonce";
import { grantedLifetime } from "@/lib/server/lab/turn-responder";

describe("lab TURN nonces", () => {
  it("are valid until their lifetime ends, then stale (438)", () => {
    let now = 1_000_000;
    const book = new NonceBook(() => now);
    const nonce = book.issue();
    expect(book.isValid(nonce)).toBe(true);
    now += NONCE_LIFETIME_MS - 1;
    expect(book.isValid(nonce)).toBe(true);
    now += 1;
    expect(book.isValid(nonce)).toBe(false);
  });

  it.each([
    ["another book's nonce (issued before a lab restart)", () => new NonceBook(() => 0).issue()],
    [
      "a nonce with a changed signature",
      (b: NonceBook) => b.issue().replace(/\.(.)/, (_, c: string) => `.${c === "A" ? "B" : "A"}`),
    ],
    ["a nonce with its expiry pushed out", (b: NonceBook) => b.issue().replace(/^[0-9a-f]+/, "ffffffffff")],
    ["garbage", () => "not-a-nonce"],
    ["empty", () => ""],
  ])("rejects %s", (_, make: (b: NonceBook) => string) => {
    const book = new NonceBook(() => 0);
    expect(book.isValid(make(book))).toBe(false);
  });
});

describe("lab TURN allocation lifetime (RFC 8656 §7.2)", () => {
  it.each([
    [undefined, 600],
    [0, 600],
    [60, 600],
    [1200, 1200],
    [3600, 3600],
    [86_400, 3600],
  ])("asked %s s → granted %i s", (asked, granted) => {
    expect(grantedLifetime(asked)).toBe(granted);
  });
});
