import { describe, expect, it } from "vitest";
import { busyHour, dailyPeaks, forecast, forecastCsv, linearFit, percentile } from "@/lib/domain/forecast";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1); // 2026-11-01 00:00 UTC
const at = (day: number, hour: number, value: number) => ({ ts: T0 + day * DAY + hour * HOUR, value });

describe("dailyPeaks", () => {
  it("keeps the highest value of each UTC day, oldest first", () => {
    expect(dailyPeaks([at(1, 9, 5), at(0, 10, 3), at(0, 14, 7), at(1, 23, 4)])).toEqual([
      { day: "2026-11-01", dayStartMs: T0, peak: 7 },
      { day: "2026-11-02", dayStartMs: T0 + DAY, peak: 5 },
    ]);
  });
});

describe("linearFit", () => {
  it.each([
    { xs: [0, 1, 2, 3], ys: [10, 12, 14, 16], slope: 2, intercept: 10 },
    { xs: [0, 1, 2], ys: [5, 5, 5], slope: 0, intercept: 5 },
    { xs: [0, 1, 2, 3], ys: [1, 3, 2, 4], slope: 0.8, intercept: 1.3 },
  ])("fits $ys", ({ xs, ys, slope, intercept }) => {
    const fit = linearFit(xs, ys)!;
    expect(fit.slope).toBeCloseTo(slope, 10);
    expect(fit.intercept).toBeCloseTo(intercept, 10);
  });
  it("gives no line through fewer than two points or one x", () => {
    expect(linearFit([0], [1])).toBeNull();
    expect(linearFit([2, 2], [1, 3])).toBeNull();
  });
});

describe("percentile (nearest rank)", () => {
  it.each([
    { v: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 95, want: 10 },
    { v: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50, want: 5 },
    { v: [7], p: 95, want: 7 },
  ])("p$p of $v = $want", ({ v, p, want }) => expect(percentile(v, p)).toBe(want));
});

describe("busyHour", () => {
  it("picks the hour whose 95th percentile over the days is highest, not one lucky spike's average", () => {
    const pts = [at(0, 9, 50), at(1, 9, 52), at(2, 9, 51), at(0, 15, 10), at(1, 15, 10), at(2, 15, 60)];
    // hour 15 has one spike of 60: with three days its p95 is that spike, so it wins
    expect(busyHour(pts)).toEqual({ hour: 15, p95: 60 });
    expect(busyHour([])).toBeNull();
  });
});

describe("forecast", () => {
  it("days until the limit from the fitted line at the last day", () => {
    // daily peaks 100, 110, …, 190 over 10 days: +10/day, fitted 190 at day 9; limit 300 → 11 days
    const pts = Array.from({ length: 10 }, (_, d) => at(d, 12, 100 + 10 * d));
    const f = forecast(pts, 300);
    expect(f.fit!.slope).toBeCloseTo(10);
    expect(f.daysUntilLimit).toBe(11);
    expect(f.fitted[9]).toBeCloseTo(190);
    expect(f.warnings).toEqual([]);
  });
  it("says 0 when the line is already at the limit and null when it is flat or falling", () => {
    expect(
      forecast(
        Array.from({ length: 8 }, (_, d) => at(d, 1, 300 + d)),
        300,
      ).daysUntilLimit,
    ).toBe(0);
    expect(
      forecast(
        Array.from({ length: 8 }, (_, d) => at(d, 1, 50 - d)),
        300,
      ).daysUntilLimit,
    ).toBeNull();
  });
  it("warns when there are too few days or no limit", () => {
    const f = forecast([at(0, 1, 5), at(1, 1, 6), at(2, 1, 7)], null);
    expect(f.daysUntilLimit).toBeNull();
    expect(f.warnings.join(" ")).toMatch(/Only 3 days/);
    expect(f.warnings.join(" ")).toMatch(/No limit/);
  });
  it("keeps a gap day's width: peaks on day 0 and day 10 are ten days apart, not one", () => {
    const f = forecast([at(0, 1, 0), at(10, 1, 100)], 200);
    expect(f.fit!.slope).toBeCloseTo(10);
    expect(f.daysUntilLimit).toBe(10);
  });
  it("leaves out days only partly inside the range: today's early hours are not a daily peak", () => {
    const pts = [...Array.from({ length: 8 }, (_, d) => at(d, 14, 100 + 10 * d)), at(8, 3, 5)];
    const window = { from: T0 + 3 * HOUR, to: T0 + 8 * DAY + 6 * HOUR };
    const f = forecast(pts, 300, window);
    expect(f.peaks.map((p) => p.day)).toEqual([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
      "2026-11-08",
    ]);
    expect(f.fit!.slope).toBeCloseTo(10);
    expect(forecast(pts, 300).fit!.slope).toBeLessThan(5); // without the window the partial day drags the line down
  });
  it("CSV has the fitted line next to each daily peak", () => {
    const csv = forecastCsv("vcs-e1 relays", forecast([at(0, 1, 10), at(1, 1, 20)], 100));
    expect(csv).toBe(
      "series,day,daily_peak,fitted,limit\nvcs-e1 relays,2026-11-01,10,10,100\nvcs-e1 relays,2026-11-02,20,20,100\n",
    );
  });
});
