import { describe, expect, it } from "vitest";
import { bucketFor, BUCKETS_MS, chooseHistorySource } from "@/lib/domain/charts";
import { bucketStart, DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/rollup-tiers";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const KEEP = { raw: 30, "1m": 14, "5m": 30, "15m": 90, "1h": 400, "6h": 730, "1d": 1825 };

describe("bucketStart", () => {
  it.each([
    [Date.UTC(2026, 0, 1, 10, 17, 42, 5), MINUTE_MS, Date.UTC(2026, 0, 1, 10, 17)],
    [Date.UTC(2026, 0, 1, 10, 17, 42, 5), HOUR_MS, Date.UTC(2026, 0, 1, 10)],
    [Date.UTC(2026, 0, 1, 23, 59, 59, 999), DAY_MS, Date.UTC(2026, 0, 1)],
    [Date.UTC(2026, 0, 2), DAY_MS, Date.UTC(2026, 0, 2)],
    [Date.UTC(2026, 0, 1, 10, 17, 42, 5), 15 * MINUTE_MS, Date.UTC(2026, 0, 1, 10, 15)],
    [Date.UTC(2026, 0, 1, 17, 59), 6 * HOUR_MS, Date.UTC(2026, 0, 1, 12)],
  ])("puts %i in the %i ms bucket starting at %i (UTC)", (ts, width, start) => {
    expect(bucketStart(ts, width)).toBe(start);
  });
});

describe("chooseHistorySource", () => {
  it.each([
    ["1 h", HOUR_MS, "raw", 10_000],
    ["6 h", 6 * HOUR_MS, "1m", MINUTE_MS],
    ["24 h", DAY_MS, "5m", 5 * MINUTE_MS],
    ["7 d", 7 * DAY_MS, "15m", 15 * MINUTE_MS],
    ["30 d", 30 * DAY_MS, "1h", HOUR_MS],
    ["90 d", 90 * DAY_MS, "6h", 6 * HOUR_MS],
    ["365 d", 365 * DAY_MS, "1d", DAY_MS],
  ])(
    "a %s range ending now reads %s rows as stored: the chart bucket is the tier's width",
    (_, range, source, bucketMs) => {
      expect(chooseHistorySource(bucketFor(range), NOW - range, NOW, KEEP)).toEqual({ source, bucketMs });
    },
  );

  it("has a stored source for every chart bucket, so no chart re-aggregates rollup rows", () => {
    for (const b of BUCKETS_MS) expect(chooseHistorySource(b, NOW - HOUR_MS, NOW, KEEP).bucketMs).toBe(b);
  });

  it("steps to a coarser tier, and a wider bucket, where retention already trimmed the finer one", () => {
    // A 2-day window 40 days ago: 5-minute rollups are gone (30 days), 15-minute ones are not.
    expect(chooseHistorySource(bucketFor(2 * DAY_MS), NOW - 40 * DAY_MS, NOW, KEEP)).toEqual({
      source: "15m",
      bucketMs: 15 * MINUTE_MS,
    });
    // A week half a year ago: 15-minute rollups are gone (90 days), hourly ones are not.
    expect(chooseHistorySource(bucketFor(7 * DAY_MS), NOW - 180 * DAY_MS, NOW, KEEP)).toEqual({
      source: "1h",
      bucketMs: HOUR_MS,
    });
    // A month 500 days ago: hourly rollups are gone (400 days), 6-hour ones are not.
    expect(chooseHistorySource(bucketFor(30 * DAY_MS), NOW - 500 * DAY_MS, NOW, KEEP)).toEqual({
      source: "6h",
      bucketMs: 6 * HOUR_MS,
    });
    // An hour 40 days ago: raw samples (30 days), 1- and 5-minute rollups are gone.
    expect(chooseHistorySource(bucketFor(HOUR_MS), NOW - 40 * DAY_MS, NOW, KEEP)).toEqual({
      source: "15m",
      bucketMs: 15 * MINUTE_MS,
    });
    // An hour 20 days ago: raw samples are still there.
    expect(chooseHistorySource(bucketFor(HOUR_MS), NOW - 20 * DAY_MS, NOW, KEEP)).toEqual({
      source: "raw",
      bucketMs: 10_000,
    });
    // Beyond every tier: the daily tier is the last resort.
    expect(chooseHistorySource(DAY_MS, NOW - 4000 * DAY_MS, NOW, KEEP)).toEqual({ source: "1d", bucketMs: DAY_MS });
  });
});
