import { describe, expect, it } from "vitest";
import { historyToCsv } from "@/lib/domain/history-csv";

const h = {
  lines: [
    { key: "a", label: "vcs-e1, peak" },
    { key: "b", label: 'say "hi"' },
  ],
  points: [
    { t: Date.UTC(2026, 10, 24, 10), a: 5, b: null },
    { t: Date.UTC(2026, 10, 24, 11), a: 0, b: 2.5 },
  ],
};

describe("historyToCsv", () => {
  it("writes one row per bucket, blank cells for gaps, and quotes labels that need it", () => {
    expect(historyToCsv(h)).toBe(
      'time (UTC),"vcs-e1, peak","say ""hi"""\n2026-11-24T10:00:00.000Z,5,\n2026-11-24T11:00:00.000Z,0,2.5\n',
    );
  });
  it("names the unit in each column heading when the series has one", () => {
    expect(historyToCsv(h, ["a"], "ms").split("\n")[0]).toBe('time (UTC),"vcs-e1, peak (ms)"');
  });
  it("exports only the lines that are shown", () => {
    expect(historyToCsv(h, ["b"]).split("\n")[1]).toBe("2026-11-24T10:00:00.000Z,");
  });
  it("adds a total column (the stacked chart's top edge) when asked, blank where every line is", () => {
    const gaps = { lines: h.lines, points: [...h.points, { t: Date.UTC(2026, 10, 24, 12), a: null, b: null }] };
    expect(historyToCsv(gaps, ["a", "b"], undefined, "deployment total").split("\n")).toEqual([
      'time (UTC),"vcs-e1, peak","say ""hi""",deployment total',
      "2026-11-24T10:00:00.000Z,5,,5",
      "2026-11-24T11:00:00.000Z,0,2.5,2.5",
      "2026-11-24T12:00:00.000Z,,,",
      "",
    ]);
    expect(historyToCsv(h, ["b"], "ms", "total").split("\n")[0]).toBe('time (UTC),"say ""hi"" (ms)",total (ms)');
  });
});
