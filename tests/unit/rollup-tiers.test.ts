import { describe, expect, it } from "vitest";
import { bucketFor } from "@/lib/domain/charts";
import { bucketStart, chooseHistorySource, DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/rollup-tiers";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const KEEP = { rawDays: 30, minuteDays: 14, hourDays: 400, dayDays: 1825 };

describe("bucketStart", () => {
  it.each([
    [Date.UTC(2026, 0, 1, 10, 17, 42, 5), MINUTE_MS, Date.UTC(2026, 0, 1, 10, 17)],
    [Date.UTC(2026, 0, 1, 10, 17, 42, 5), HOUR_MS, Date.UTC(2026, 0, 1, 10)],
    [Date.UTC(2026, 0, 1, 23, 59, 59, 999), DAY_MS, Date.UTC(2026, 0, 1)],
    [Date.UTC(2026, 0, 2), DAY_MS, Date.UTC(2026, 0, 2)],
  ])("puts %i in the %i ms bucket starting at %i (UTC)", (ts, width, start) => {
    expect(bucketStart(ts, width)).toBe(start);
  });
});

describe("chooseHistorySource", () => {
  it.each([
    ["1 h", HOUR_MS, "raw", 10_000],
    ["24 h", DAY_MS, "1m", 300_000],
    ["7 d", 7 * DAY_MS, "1m", 900_000],
    ["30 d", 30 * DAY_MS, "1h", HOUR_MS],
    ["90 d", 90 * DAY_MS, "1h", 3 * HOUR_MS],
    ["365 d", 365 * DAY_MS, "1d", DAY_MS],
  ])("a %s range ending now reads %s with its chart bucket", (_, range, source, bucketMs) => {
    expect(chooseHistorySource(bucketFor(range), NOW - range, NOW, KEEP)).toEqual({ source, bucketMs });
  });

  it("steps to a coarser tier, and a wider bucket, where retention already trimmed the finer one", () => {
    // A 2-day window 20 days ago: minute rollups are gone (14 days), hourly ones are not.
    expect(chooseHistorySource(bucketFor(2 * DAY_MS), NOW - 20 * DAY_MS, NOW, KEEP)).toEqual({ source: "1h", bucketMs: HOUR_MS });
    // An hour 40 days ago: raw samples (30 days) and minute rollups are gone.
    expect(chooseHistorySource(bucketFor(HOUR_MS), NOW - 40 * DAY_MS, NOW, KEEP)).toEqual({ source: "1h", bucketMs: HOUR_MS });
    // An hour 20 days ago: raw samples are still there.
    expect(chooseHistorySource(bucketFor(HOUR_MS), NOW - 20 * DAY_MS, NOW, KEEP)).toEqual({ source: "raw", bucketMs: 10_000 });
    // Beyond every tier: the daily tier is the last resort.
    expect(chooseHistorySource(DAY_MS, NOW - 4000 * DAY_MS, NOW, KEEP)).toEqual({ source: "1d", bucketMs: DAY_MS });
  });
});
