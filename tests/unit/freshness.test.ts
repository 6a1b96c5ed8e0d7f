import { describe, expect, it } from "vitest";
import { formatAge, isStale } from "@/lib/domain/freshness";
import { sourceHealth, worstOf } from "@/lib/domain/source-health";
import type { SourceStatus } from "@/lib/domain/api-types";

describe("isStale", () => {
  it.each([
    [null, true],
    [0, false],
    [30_000, false],
    [30_001, true],
  ])("data %s ms old with a 10 s interval → stale %s", (age, stale) => {
    expect(isStale(age === null ? null : 100_000 - age, 10_000, 100_000)).toBe(stale);
  });
});

describe("formatAge", () => {
  it.each([
    [null, "never"],
    [4_000, "4 s"],
    [125_000, "2 min"],
    [3 * 3_600_000, "3 h"],
    [3 * 86_400_000, "3 d"],
  ])("%s → %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

const source = (outcome: "ok" | "parse" | null, stale = false): SourceStatus => ({
  source: "expressway-c.tunnels",
  title: "s",
  area: "tunnels",
  domainIds: [],
  intervalMs: 10_000,
  stale,
  ageMs: 1,
  lastOkAt: null,
  latest: null,
  lastRun: outcome && { outcome, message: null, startedAt: "", finishedAt: "" },
});

describe("sourceHealth", () => {
  it("never calls stale data healthy", () => {
    expect(sourceHealth(source("ok", true))).toBe("stale");
  });
  it.each([
    [source(null), "unknown"],
    [source("parse"), "failing"],
    [source("ok"), "ok"],
  ] as const)("%# → %s", (s, h) => {
    expect(sourceHealth(s)).toBe(h);
  });
  it("ranks failing worst", () => {
    expect(worstOf(["ok", "stale", "failing", "unknown"])).toBe("failing");
    expect(worstOf([])).toBe("ok");
  });
});
