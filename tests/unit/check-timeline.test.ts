import { describe, expect, it } from "vitest";
import { formatPassRatio, timelineOf, type CheckStateRow } from "@/lib/domain/check-timeline";

const row = (at: number, status: CheckStateRow["status"]): CheckStateRow => ({
  checkId: "v3",
  status,
  summary: status,
  at,
});

describe("timelineOf", () => {
  it("clips segments to the range, starting from the state that held before it", () => {
    const t = timelineOf("v3", [row(0, "pass"), row(150, "fail"), row(180, "pass")], 100, 200);
    expect(t.segments.map((s) => [s.status, s.from, s.to])).toEqual([
      ["pass", 100, 150],
      ["fail", 150, 180],
      ["pass", 180, 200],
    ]);
    expect(t.passRatio).toBeCloseTo(0.7);
  });

  it("leaves unobserved time out of availability, and says null when nothing was observed", () => {
    expect(timelineOf("v3", [row(150, "pass")], 100, 200).passRatio).toBe(1);
    expect(timelineOf("v3", [], 100, 200)).toEqual({ checkId: "v3", segments: [], passRatio: null });
    expect(timelineOf("v3", [row(300, "fail")], 100, 200).passRatio).toBeNull();
  });
});

describe("formatPassRatio", () => {
  it.each([
    [null, "–"],
    [1, "100 %"],
    [0.99996, "99.99 %"],
    [23 / 24, "95.83 %"],
    [0, "0.00 %"],
  ] as const)("%s → %s", (r, text) => {
    expect(formatPassRatio(r)).toBe(text);
  });
});
