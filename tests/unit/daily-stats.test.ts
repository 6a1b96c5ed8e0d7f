import { describe, expect, it } from "vitest";
import { busiestDays, completeDays, dailyPeaksChart, dailyStats, percentile } from "@/lib/domain/daily-stats";
import { demoNote } from "@/lib/domain/demo-history";

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 10, 24);

describe("percentile (nearest rank)", () => {
  it.each([
    [[], 95, null],
    [[7], 95, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95, 19],
    [[5, 1, 3], 50, 3],
    [[5, 1, 3], 100, 5],
  ] as const)("%j at p%d is %s", (values, p, want) => {
    expect(percentile(values, p)).toBe(want);
  });
});

describe("dailyStats", () => {
  it("splits buckets into UTC days: peak of the peaks, p95 of the averages", () => {
    const bucket = 6 * 3_600_000; // four buckets a day
    const avg = [1, 2, 3, 40, null, null, 5, 6];
    const peak = [2, 3, 9, 50, null, null, 8, 7];
    expect(dailyStats(avg, peak, D0, bucket)).toEqual([
      { day: D0, peak: 50, p95: 40, buckets: 4 },
      { day: D0 + DAY, peak: 8, p95: 6, buckets: 2 },
    ]);
  });
  it("leaves out days without data, and starts mid-day on the right day", () => {
    expect(dailyStats([null, null], [null, null], D0, DAY)).toEqual([]);
    expect(dailyStats([4], [null], D0 + DAY - 300_000, 300_000)).toEqual([{ day: D0, peak: 4, p95: 4, buckets: 1 }]);
  });
});

describe("demoNote", () => {
  const marker = { from: new Date(D0 - 90 * DAY).toISOString(), to: new Date(D0).toISOString(), seededAt: "" };
  it("marks a range that overlaps the seeded history, and only such a range", () => {
    expect(demoNote(marker, D0 - DAY, D0 + DAY)).toMatch(/Demo data/);
    expect(demoNote(marker, D0 + 1, D0 + DAY)).toBeNull();
    expect(demoNote(null, D0 - DAY, D0)).toBeNull();
  });
});

describe("dailyPeaksChart and busiestDays", () => {
  const r = {
    nodes: [
      {
        nodeId: "e1",
        name: "vcs-e1",
        days: [
          { day: D0, peak: 10, p95: 8, buckets: 288 },
          { day: D0 + DAY, peak: 30, p95: 20, buckets: 288 },
        ],
      },
      { nodeId: "e2", name: "vcs-e2", days: [{ day: D0 + DAY, peak: 5, p95: 4, buckets: 288 }] },
      { nodeId: "e3", name: "vcs-e3", days: [] },
    ],
  };
  it("draws a peak and a p95 line per node, a point per day, gaps as null", () => {
    const c = dailyPeaksChart(r);
    expect(c.lines.map((l) => l.key)).toEqual(["e1__peak", "e1__p95", "e2__peak", "e2__p95", "e3__peak", "e3__p95"]);
    expect(c.points).toEqual([
      { t: D0, e1__peak: 10, e1__p95: 8, e2__peak: null, e2__p95: null, e3__peak: null, e3__p95: null },
      { t: D0 + DAY, e1__peak: 30, e1__p95: 20, e2__peak: 5, e2__p95: 4, e3__peak: null, e3__p95: null },
    ]);
  });
  it("names each node's busiest day; a node without data has none", () => {
    expect(busiestDays(r)).toEqual([
      { name: "vcs-e1", day: D0 + DAY, peak: 30, p95: 20 },
      { name: "vcs-e2", day: D0 + DAY, peak: 5, p95: 4 },
    ]);
  });
});

describe("completeDays", () => {
  const day = (d: number) => ({ day: d, peak: 1, p95: 1, buckets: 1 });
  it("leaves out the day still running when there are others, keeps it when it is the only one", () => {
    const r = { nodes: [{ nodeId: "e1", name: "e1", days: [day(D0), day(D0 + DAY)] }] };
    expect(completeDays(r, D0 + DAY + 3_600_000).nodes[0]!.days.map((d) => d.day)).toEqual([D0]);
    expect(completeDays(r, D0 + 2 * DAY).nodes[0]!.days.length).toBe(2);
    const today = { nodes: [{ nodeId: "e1", name: "e1", days: [day(D0)] }] };
    expect(completeDays(today, D0 + 3_600_000)).toBe(today);
  });
});
