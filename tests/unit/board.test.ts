import { describe, expect, it } from "vitest";
import type { NodeStatus, SourceStatus } from "@/lib/domain/api-types";
import { boardAreas, sortTiles, type SourceWithSince } from "@/lib/domain/board";

const NOW = Date.UTC(2026, 10, 25, 12);
const node = { id: "n", name: "vcs-c", role: "EXPRESSWAY_C", baseUrl: "https://192.0.2.1", tlsInsecure: false, sources: [] } as NodeStatus;
const src = (area: SourceStatus["area"], outcome: "ok" | "timeout" | null, o: Partial<SourceStatus> = {}): SourceStatus => ({
  source: "s", title: "t", area, domainIds: [], intervalMs: 10_000, stale: false, ageMs: 1000, lastOkAt: new Date(NOW - 1000).toISOString(), latest: null,
  lastRun: outcome && { outcome, message: outcome === "ok" ? null : "timed out", startedAt: "", finishedAt: "" }, ...o,
});
const entry = (source: SourceStatus, failingSince: string | null = null): SourceWithSince => ({ node, source, failingSince });
const stale = (ms: number) => 3 * ms;

describe("boardAreas", () => {
  it("shows only areas that have sources, worst health, and the earliest start of the bad state", () => {
    const areas = boardAreas([
      entry(src("tunnels", "ok")),
      entry(src("tunnels", "timeout"), "2026-11-25T11:00:00.000Z"),
      entry(src("tunnels", "timeout"), "2026-11-25T10:00:00.000Z"),
      entry(src("turn-relays", "ok")),
    ], stale);
    expect(areas.map((a) => [a.area, a.health, a.since])).toEqual([
      ["tunnels", "failing", "2026-11-25T10:00:00.000Z"],
      ["turn-relays", "ok", null],
    ]);
    expect(areas[0]!.detail).toBe("vcs-c: timed out");
  });

  it("dates stale data from when it became stale, and never calls it healthy", () => {
    const lastOk = new Date(NOW - 60_000).toISOString();
    const [a] = boardAreas([entry(src("allowlist", "ok", { stale: true, lastOkAt: lastOk }))], stale);
    expect(a).toMatchObject({ health: "stale", since: new Date(NOW - 60_000 + 30_000).toISOString(), detail: "vcs-c: no fresh data" });
  });
});

describe("sortTiles", () => {
  it("puts the worst first and keeps ties in name order", () => {
    const tiles = [{ name: "b", health: "ok" as const }, { name: "c", health: "stale" as const }, { name: "a", health: "ok" as const }, { name: "d", health: "failing" as const }];
    expect(sortTiles(tiles).map((t) => t.name)).toEqual(["d", "c", "a", "b"]);
  });
});

describe("boardAreas with checks", () => {
  it("folds check verdicts into their area, and gives a checks-only area its own row", () => {
    const areas = boardAreas([entry(src("tunnels", "ok"))], stale, [
      { area: "tunnels", status: "fail", title: "V3 tunnels", summary: "no tunnel to vcs-e2" },
      { area: "dns-tls", status: "unknown", title: "R8 outside DNS", summary: "no outside resolver configured" },
      { area: "versions", status: "warn", title: "R1 versions", summary: "CMS below 2.9.3" },
    ]);
    expect(areas.map((a) => [a.area, a.health, a.detail])).toEqual([
      ["tunnels", "failing", "V3 tunnels: no tunnel to vcs-e2"],
      ["dns-tls", "unknown", "R8 outside DNS: no outside resolver configured"],
      ["versions", "warn", "R1 versions: CMS below 2.9.3"],
    ]);
  });
});
