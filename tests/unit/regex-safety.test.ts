import { type AttackPattern, checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { findRegexLiterals } from "../support/regex-literals";

// Every regular expression the server runs, checked by recheck (a ReDoS checker that proves
// super-linear backtracking with an attack string). Analyzers and parsers read uploaded files
// and node answers, so one quadratic pattern lets a few hundred bytes hold the event loop for
// seconds; the domain rules run on the same input after it is stored.
// components/ too: the browser runs its patterns on what nodes and uploads put on the page.
const SCANNED = ["lib", "app", "components"];

function slowInV8(source: string, flags: string, attack: AttackPattern): boolean {
  const input = (n: number) => attack.pumps.map((p) => p.prefix + p.pump.repeat(n)).join("") + attack.suffix;
  const time = (text: string) => {
    const re = new RegExp(source, flags);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      re.lastIndex = 0;
      const t = performance.now();
      re.exec(text);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  // ~20 000 pumped characters: enough to show quadratic growth (~16×), quick when the pattern is fine.
  const n = Math.max(100, Math.ceil(20_000 / attack.pumps.reduce((sum, p) => sum + p.pump.length, 0)));
  return time(input(4 * n)) > 8 * time(input(n)) + 20;
}

describe("regular expressions", () => {
  const { literals, computed } = findRegexLiterals(SCANNED);

  it("are found (the scanner itself works)", () => {
    // The candidate parser's pattern must be among them, or the scan looks at nothing.
    expect(literals.length).toBeGreaterThan(80);
    expect(
      literals.some((l) => l.file.endsWith("webrtc-internals/candidates.ts") && l.source.startsWith("candidate:")),
    ).toBe(true);
  });

  it("are all literal, so each can be checked", () => {
    expect(computed).toEqual([]);
  });

  it("none backtracks super-linearly (recheck)", { timeout: 300_000 }, () => {
    const unsafe: string[] = [];
    for (const l of literals) {
      const r = checkSync(l.source, l.flags, { timeout: 20_000 });
      const where = `${l.file}:${l.line} /${l.source}/${l.flags}`;
      if (r.status === "unknown") unsafe.push(`${where} — recheck could not decide (${r.error.kind})`);
      if (r.status !== "vulnerable") continue;
      // The automata proof is exact for backtracking. A fuzzing find is random (it may or may not
      // turn up from run to run) and measured on recheck's own matcher, so it counts only when
      // V8 shows it too: the attack pumped 4× must take more than 8× as long.
      if (r.checker === "automaton" || slowInV8(l.source, l.flags, r.attack))
        unsafe.push(`${where} — ${r.complexity.summary}; attack ${r.attack.pattern}`);
    }
    expect(unsafe).toEqual([]);
  });

  it("the checker flags the quadratic candidate pattern the webrtc-internals parser had", { timeout: 120_000 }, () => {
    const source = String.raw`candidate:\S+ \d+ (udp|tcp|ssltcp) \d+ (\S+) (\d+) typ (host|srflx|prflx|relay)\b`;
    const old = checkSync(source, "i", { timeout: 20_000 });
    expect(old.status).toBe("vulnerable");
    if (old.status === "vulnerable")
      expect(old.checker === "automaton" || slowInV8(source, "i", old.attack)).toBe(true);
  });
});
