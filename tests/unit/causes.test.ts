import { describe, expect, it } from "vitest";
import { CHECK_CAUSES, FINDING_CAUSES, LIKELY_AT } from "@/lib/domain/causes";
import { CHECKS } from "@/lib/server/checks";

// The cause table covers every check: a failing check names the symptoms it causes, or says
// plainly that it causes none of T1–T4; the table names no check that does not exist.
describe("the cause table", () => {
  const ids = CHECKS.map((c) => c.id);

  it("maps every check id, and only check ids", () => {
    expect(Object.keys(CHECK_CAUSES).sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(CHECK_CAUSES))("%s causes a symptom or says it causes none", (_id, rule) => {
    const causes = Object.values(rule.fail).some((w) => (w ?? 0) > 0);
    expect(causes || /^None of T1–T4/.test(rule.none ?? "")).toBe(true);
    expect(causes && rule.none).toBeFalsy();
    for (const w of [...Object.values(rule.fail), ...Object.values(rule.warn ?? {})]) expect(w).toBeGreaterThan(0), expect(w).toBeLessThanOrEqual(1);
  });

  it("explains and joins only known checks; nothing explains itself", () => {
    for (const [id, rule] of Object.entries(CHECK_CAUSES)) for (const e of rule.explains ?? []) expect(ids, id).toContain(e), expect(e).not.toBe(id);
    for (const targets of Object.values(FINDING_CAUSES)) for (const t of targets) expect(ids).toContain(t);
  });

  it("lets no single warning make a symptom likely", () => {
    for (const rule of Object.values(CHECK_CAUSES)) for (const w of Object.values(rule.warn ?? {})) expect(w).toBeLessThan(LIKELY_AT);
  });
});
