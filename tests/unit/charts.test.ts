import { describe, expect, it } from "vitest";
import {
  bucketFor,
  columnsToPoints,
  formatBucket,
  formatCount,
  historyBuckets,
  isolatedIndexes,
  MAX_POINTS,
  packedToSeries,
  unpackBuckets,
  zoomedPoints,
} from "@/lib/domain/charts";

const H = 3_600_000;
const D = 24 * H;

describe("bucketFor", () => {
  it.each([
    [H, 10_000],
    [6 * H, 60_000],
    [24 * H, 300_000],
    [7 * D, 900_000],
    [30 * D, H],
    [90 * D, 6 * H],
    [365 * D, D],
  ])("a range of %i ms uses %i ms buckets", (range, bucket) => {
    expect(bucketFor(range)).toBe(bucket);
  });

  it("never gives more than MAX_POINTS points up to a year", () => {
    for (const range of [H, 6 * H, D, 7 * D, 30 * D, 90 * D, 365 * D])
      expect(range / bucketFor(range)).toBeLessThanOrEqual(MAX_POINTS);
  });
});

describe("unpackBuckets", () => {
  it.each([
    ["", [null, null, null], [null, null, null]],
    // in any order; the average keeps one decimal (7 / 3 = 2.33…), peaks stay as stored
    ["2:7:3:4,0:10:4:5.5", [2.5, null, 2.3], [5.5, null, 4]],
    // PostgreSQL's and SQLite's number texts both read back
    ["1:1.5e+3:1000:2,0:129600.0:360:380", [360, 1.5], [380, 2]],
    // indexes outside the chart are ignored
    ["-1:5:1:5,3:5:1:5,1:6:2:4", [null, 3], [null, 4]],
  ])("%j", (packed, avg, peak) => {
    expect(unpackBuckets(packed, avg.length)).toEqual({ avg, peak });
  });
});

describe("columnsToPoints", () => {
  it("gives one point per bucket with every key, null where a key has no value", () => {
    const points = columnsToPoints(
      ["a", "b", "c"],
      new Map([
        ["a", [1, null]],
        ["b", [null, 2]],
      ]),
      100,
      10,
      2,
    );
    expect(points).toEqual([
      { t: 100, a: 1, b: null, c: null },
      { t: 110, a: null, b: 2, c: null },
    ]);
    expect(Object.keys(points[1]!)).toEqual(["t", "a", "b", "c"]);
  });
});

describe("historyBuckets", () => {
  const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
  const KEEP = { raw: 30, "1m": 14, "5m": 30, "15m": 90, "1h": 400, "6h": 730, "1d": 1825 };

  it("starts on a bucket edge and counts the buckets to the end of the range", () => {
    // 24 h from 10:17:42 → 5-minute buckets from 10:15, 289 of them (the last one holds the range's end).
    const from = Date.UTC(2026, 10, 24, 10, 17, 42);
    expect(historyBuckets(from, from + D, NOW, KEEP)).toEqual({
      source: "5m",
      bucketMs: 300_000,
      startMs: Date.UTC(2026, 10, 24, 10, 15),
      n: 289,
    });
  });

  it("never goes narrower than the source's poll interval, so a 1 h chart of a 30 s source reads minutes", () => {
    expect(historyBuckets(NOW - H, NOW, NOW, KEEP)).toMatchObject({ source: "raw", bucketMs: 10_000, n: 360 });
    expect(historyBuckets(NOW - H, NOW, NOW, KEEP, 60_000)).toMatchObject({ source: "1m", bucketMs: 60_000, n: 60 });
  });

  it("widens the bucket where retention trimmed the finer tier", () => {
    expect(historyBuckets(NOW - 40 * D, NOW - 38 * D, NOW, KEEP)).toMatchObject({ source: "15m", bucketMs: 900_000 });
  });
});

describe("packedToSeries", () => {
  it("gives a peak and an average line per line, in order, with null points where a line has no row", () => {
    const s = packedToSeries(
      [
        { key: "n1", label: "e1" },
        { key: "n2", label: "e2" },
      ],
      [{ key: "n1", packed: "1:9:2:6,0:3:1:3" }],
      { startMs: 100, bucketMs: 10, n: 2 },
    );
    expect(s.lines).toEqual([
      { key: "n1__peak", label: "e1 peak", kind: "peak" },
      { key: "n1__avg", label: "e1 average", kind: "avg" },
      { key: "n2__peak", label: "e2 peak", kind: "peak" },
      { key: "n2__avg", label: "e2 average", kind: "avg" },
    ]);
    expect(s.points).toEqual([
      { t: 100, n1__peak: 3, n1__avg: 3, n2__peak: null, n2__avg: null },
      { t: 110, n1__peak: 6, n1__avg: 4.5, n2__peak: null, n2__avg: null },
    ]);
  });
});

describe("formatCount", () => {
  it.each([
    [null, "–"],
    [1234, "1,234"],
    [4.25, "4.3"],
    [0, "0"],
  ] as const)("%s → %s", (n, s) => {
    expect(formatCount(n)).toBe(s);
  });
});

describe("formatBucket", () => {
  it.each([
    [10_000, "10 s"],
    [30_000, "30 s"],
    [60_000, "1 min"],
    [300_000, "5 min"],
    [900_000, "15 min"],
    [H, "1 h"],
    [3 * H, "3 h"],
    [D, "1 d"],
    [90_000, "90 s"],
  ] as const)("%i ms → %s", (ms, s) => {
    expect(formatBucket(ms)).toBe(s);
  });
});

describe("zoomedPoints", () => {
  const p = [0, 1, 2, 3, 4];
  it.each([
    ["no zoom: every point", null, [0, 1, 2, 3, 4]],
    ["the brush's inclusive window", { startIndex: 1, endIndex: 3 }, [1, 2, 3]],
    ["one point", { startIndex: 2, endIndex: 2 }, [2]],
    ["a window from a longer answer, clamped to this one", { startIndex: 3, endIndex: 9 }, [3, 4]],
    ["a window past the end keeps the last point", { startIndex: 7, endIndex: 9 }, [4]],
    ["reversed indexes: the start point", { startIndex: 2, endIndex: 1 }, [2]],
  ] as const)("%s", (_, win, want) => {
    expect(zoomedPoints(p, win)).toEqual(want);
  });
  it("gives nothing for no points", () => {
    expect(zoomedPoints([], { startIndex: 0, endIndex: 3 })).toEqual([]);
  });
});

describe("isolatedIndexes", () => {
  const v = (...xs: (number | null)[]) => xs.map((a) => ({ a }));
  it.each([
    ["a full line has none", v(1, 2, 3), []],
    ["every other bucket empty: all of them", v(1, null, 2, null, 3), [0, 2, 4]],
    ["a run of two draws a segment", v(null, 1, 2, null, 5), [4]],
    ["a zero is a value", v(0, null, 0, 0), [0]],
    ["no values", v(null, null), []],
  ] as const)("%s", (_, points, want) => {
    expect([...isolatedIndexes(points, "a")]).toEqual(want);
  });
});
