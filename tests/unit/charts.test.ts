import { describe, expect, it } from "vitest";
import { bucketFor, formatCount, MAX_POINTS, pivotBuckets } from "@/lib/domain/charts";

const H = 3_600_000;
const D = 24 * H;

describe("bucketFor", () => {
  it.each([
    [H, 10_000],
    [24 * H, 300_000],
    [7 * D, 900_000],
    [30 * D, H],
    [90 * D, 3 * H],
    [365 * D, D],
  ])("a range of %i ms uses %i ms buckets", (range, bucket) => {
    expect(bucketFor(range)).toBe(bucket);
  });

  it("never gives more than MAX_POINTS points up to a year", () => {
    for (const range of [H, 6 * H, D, 7 * D, 30 * D, 90 * D, 365 * D]) expect(range / bucketFor(range)).toBeLessThanOrEqual(MAX_POINTS);
  });
});

describe("pivotBuckets", () => {
  it("puts each key's value in its bucket and leaves gaps as null", () => {
    const points = pivotBuckets(
      [
        { key: "a", bucket: 0, value: 3 },
        { key: "b", bucket: 0, value: 4 },
        { key: "a", bucket: 20, value: 5 },
      ],
      ["a", "b"],
      0,
      30,
      10,
    );
    expect(points).toEqual([
      { t: 0, a: 3, b: 4 },
      { t: 10, a: null, b: null },
      { t: 20, a: 5, b: null },
    ]);
  });

  it("aligns the first bucket down to the bucket width", () => {
    expect(pivotBuckets([], ["a"], 15, 30, 10).map((p) => p.t)).toEqual([10, 20]);
  });
});

describe("formatCount", () => {
  it.each([[null, "–"], [1234, "1,234"], [4.25, "4.3"], [0, "0"]] as const)("%s → %s", (n, s) => {
    expect(formatCount(n)).toBe(s);
  });
});
