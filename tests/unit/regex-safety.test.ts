import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { findRegexLiterals } from "../support/regex-literals";

// Every regular expression the server runs, checked by recheck (a ReDoS checker that proves
// super-linear backtracking with an attack string). Analyzers and parsers read uploaded files
// and node answers, so one quadratic pattern lets a few hundred bytes hold the event loop for
// seconds; the domain rules run on the same input after it is stored.
// components/ too: the browser runs its patterns on what nodes and uploads put on the page.
const SCANNED = ["lib", "app", "components"];

describe("regular expressions", () => {
  const { literals, computed } = findRegexLiterals(SCANNED);

  it("are found (the scanner itself works)", () => {
    // The candidate parser's pattern must be among them, or the scan looks at nothing.
    expect(literals.length).toBeGreaterThan(80);
    expect(literals.some((l) => l.file.endsWith("webrtc-internals/candidates.ts") && l.source.startsWith("candidate:"))).toBe(true);
  });

  it("are all literal, so each can be checked", () => {
    expect(computed).toEqual([]);
  });

  it("none backtracks super-linearly (recheck)", { timeout: 300_000 }, () => {
    const unsafe: string[] = [];
    for (const l of literals) {
      const r = checkSync(l.source, l.flags, { timeout: 20_000 });
      if (r.status === "vulnerable") unsafe.push(`${l.file}:${l.line} /${l.source}/${l.flags} — ${r.complexity.summary}; attack ${r.attack.pattern}`);
      else if (r.status === "unknown") unsafe.push(`${l.file}:${l.line} /${l.source}/${l.flags} — recheck could not decide (${r.error.kind})`);
    }
    expect(unsafe).toEqual([]);
  });

  it("the checker flags the quadratic candidate pattern the webrtc-internals parser had", () => {
    const old = checkSync(String.raw`candidate:\S+ \d+ (udp|tcp|ssltcp) \d+ (\S+) (\d+) typ (host|srflx|prflx|relay)\b`, "i", { timeout: 20_000 });
    expect(old.status).toBe("vulnerable");
  });
});
