import { describe, expect, it } from "vitest";
import { CHECKABLE_DOMAIN_IDS } from "@/lib/domain/domain-ids";
import { CHECKS, MANUAL_STEPS } from "@/lib/server/checks";

// Issue 4, "done when": every R, C and V item of the domain brief has a check or a manual step
// with its reason.
describe("domain coverage", () => {
  it.each(CHECKABLE_DOMAIN_IDS)("%s is covered by a check or a manual step", (id) => {
    const checks = CHECKS.filter((c) => c.domainIds.includes(id)).map((c) => c.id);
    const manual = MANUAL_STEPS.filter((m) => m.domainIds.includes(id));
    expect(checks.length + manual.length, `${id} has neither a check nor a manual step`).toBeGreaterThan(0);
  });

  it("cites only ids the domain brief has", () => {
    const known = new Set<string>([...CHECKABLE_DOMAIN_IDS, "T1", "T2", "T3", "T4"]);
    for (const id of [...CHECKS.flatMap((c) => c.domainIds), ...MANUAL_STEPS.flatMap((m) => m.domainIds)])
      expect(known.has(id), id).toBe(true);
  });

  it("leaves as manual exactly the items that cannot be checked remotely (R2, R10, R13 at least)", () => {
    const manual = MANUAL_STEPS.flatMap((m) => m.domainIds);
    for (const id of ["R2", "R10", "R13"]) expect(manual).toContain(id);
  });
});
