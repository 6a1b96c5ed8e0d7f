import { describe, expect, it } from "vitest";
import type { NodeStatus, SourceStatus, SourceStatusBase } from "@/lib/domain/api-types";
import {
  areaSince,
  boardAreas,
  formatSince,
  sortTiles,
  type HealthHistory,
  type SourceWithSince,
} from "@/lib/domain/board";
import { allOkText, boardCounts, compactAreas, formatCounts, resolveDensity } from "@/lib/domain/board-view";
import type { Health } from "@/lib/domain/source-health";

const NOW = Date.UTC(2026, 10, 25, 12);
const node = {
  id: "n",
  name: "vcs-c",
  role: "EXPRESSWAY_C",
  baseUrl: "https://192.0.2.1",
  tlsInsecure: false,
  sources: [],
} as NodeStatus;
const src = (
  area: SourceStatus["area"],
  outcome: "ok" | "timeout" | null,
  o: Partial<SourceStatusBase> = {},
): SourceStatus => ({
  source: "expressway-c.tunnels",
  title: "t",
  area,
  domainIds: [],
  intervalMs: 10_000,
  stale: false,
  ageMs: 1000,
  lastOkAt: new Date(NOW - 1000).toISOString(),
  latest: null,
  lastRun: outcome && { outcome, message: outcome === "ok" ? null : "timed out", startedAt: "", finishedAt: "" },
  ...o,
});
const entry = (source: SourceStatus, failingSince: string | null = null): SourceWithSince => ({
  node,
  source,
  failingSince,
});
const stale = (ms: number) => 3 * ms;

describe("boardAreas", () => {
  it("shows only areas that have sources, worst health, and the earliest start of the bad state", () => {
    const areas = boardAreas(
      [
        entry(src("tunnels", "ok")),
        entry(src("tunnels", "timeout"), "2026-11-25T11:00:00.000Z"),
        entry(src("tunnels", "timeout"), "2026-11-25T10:00:00.000Z"),
        entry(src("turn-relays", "ok")),
      ],
      stale,
      [],
      NOW,
    );
    expect(areas.map((a) => [a.area, a.health, a.since])).toEqual([
      ["tunnels", "failing", "2026-11-25T10:00:00.000Z"],
      ["turn-relays", "ok", null],
    ]);
    expect(areas[0]!.detail).toBe("vcs-c: timed out");
  });

  it("dates stale data from when it became stale, and never calls it healthy", () => {
    const lastOk = new Date(NOW - 60_000).toISOString();
    const [a] = boardAreas([entry(src("allowlist", "ok", { stale: true, lastOkAt: lastOk }))], stale, [], NOW);
    expect(a).toMatchObject({
      health: "stale",
      since: new Date(NOW - 60_000 + 30_000).toISOString(),
      detail: "vcs-c: no fresh data",
    });
  });
});

describe("sortTiles", () => {
  it("puts the worst first and keeps ties in name order", () => {
    const tiles = [
      { name: "b", health: "ok" as const },
      { name: "c", health: "stale" as const },
      { name: "a", health: "ok" as const },
      { name: "d", health: "failing" as const },
    ];
    expect(sortTiles(tiles).map((t) => t.name)).toEqual(["d", "c", "a", "b"]);
  });
});

describe("boardAreas with checks", () => {
  it("folds check verdicts into their area, and gives a checks-only area its own row", () => {
    const areas = boardAreas(
      [entry(src("tunnels", "ok"))],
      stale,
      [
        {
          area: "tunnels",
          status: "fail",
          title: "V3 tunnels",
          summary: "no tunnel to vcs-e2",
          domainIds: ["V3", "R2"],
          items: [{ node: "vcs-e2.example.local", reason: "no tunnel" }],
        },
        {
          area: "dns-tls",
          status: "unknown",
          title: "R8 outside DNS",
          summary: "no outside resolver configured",
          domainIds: ["R8"],
        },
        { area: "versions", status: "warn", title: "R1 versions", summary: "CMS below 2.9.3" },
      ],
      NOW,
    );
    // Node and reason first, the domain ID last; the check's title never (issue: wall words).
    expect(areas.map((a) => [a.area, a.health, a.detail])).toEqual([
      ["tunnels", "failing", "vcs-e2: no tunnel · V3"],
      ["dns-tls", "unknown", "no outside resolver configured · R8"],
      ["versions", "warn", "CMS below 2.9.3"],
    ]);
  });
});

describe("areaSince", () => {
  const m = (min: number) => NOW - 60 * 60_000 + min * 60_000; // minutes into the last hour
  const span = (health: Health, from: number | null) => ({ health, from });
  const h = (...spans: ReturnType<typeof span>[]): HealthHistory => ({ spans });
  const cases: [string, HealthHistory[], number | null][] = [
    ["one failing source: its first failed poll", [h(span("failing", m(10)))], m(10)],
    ["a check failing since its last recorded change", [h(span("ok", m(5)), span("failing", m(30)))], m(30)],
    ["a check whose change is not recorded yet: no start known", [h(span("failing", null))], null],
    [
      "the same, beside a source failing since a known time: that time",
      [h(span("failing", null)), h(span("failing", m(40)))],
      m(40),
    ],
    [
      "bad states of two entries that overlap chain back to the first",
      [h(span("failing", m(10)), span("ok", m(20))), h(span("failing", m(15)))],
      m(10),
    ],
    [
      "a gap between them does not chain",
      [h(span("failing", m(10)), span("ok", m(12))), h(span("failing", m(15)))],
      m(15),
    ],
    [
      "a worse state that ended later cuts the current one short",
      [h(span("unknown", m(0))), h(span("failing", m(10)), span("ok", m(30)))],
      m(30),
    ],
    [
      "a better state of another entry does not",
      [h(span("unknown", m(0))), h(span("warn", m(10)), span("ok", m(30)))],
      m(0),
    ],
    ["an entry not known at a moment counts as neither", [h(span("stale", m(25))), h(span("unknown", m(5)))], m(25)],
    ["green carries no date", [h(span("ok", m(5))), h(span("ok", null))], null],
    ["nothing at all", [], null],
  ];
  it.each(cases)("%s", (_name, histories, expected) => {
    expect(areaSince(histories, NOW)).toBe(expected);
  });

  it("walks no further back than a cut history, unless the area is failing (nothing is worse)", () => {
    const cut = { spans: [span("ok", m(20))], cut: true };
    expect(areaSince([h(span("unknown", m(0))), cut], NOW)).toBe(m(20));
    expect(areaSince([h(span("failing", m(0))), cut], NOW)).toBe(m(0));
  });
});

describe("boardAreas since", () => {
  it("dates a check-only area from the recorded change that began its current status", () => {
    const [a] = boardAreas(
      [],
      stale,
      [
        {
          area: "dns-tls",
          status: "fail",
          title: "R8 outside DNS",
          summary: "NXDOMAIN",
          history: [
            { status: "pass", at: NOW - 600_000 },
            { status: "fail", at: NOW - 300_000 },
          ],
        },
        {
          area: "dns-tls",
          status: "unknown",
          title: "C2 certificate",
          summary: "not probed",
          history: [{ status: "unknown", at: NOW - 900_000 }],
        },
      ],
      NOW,
    );
    expect(a).toMatchObject({
      area: "dns-tls",
      health: "failing",
      since: new Date(NOW - 300_000).toISOString(),
      detail: "NXDOMAIN",
    });
  });

  it("gives no since while the recorder has not yet recorded the check's new status", () => {
    const [a] = boardAreas(
      [],
      stale,
      [
        {
          area: "turn-servers",
          status: "fail",
          title: "C5",
          summary: "missing",
          history: [{ status: "pass", at: NOW - 600_000 }],
        },
      ],
      NOW,
    );
    expect(a).toMatchObject({ health: "failing", since: null });
  });

  it("takes the earlier of a failing source and a failing check in one area", () => {
    const [a] = boardAreas(
      [entry(src("tunnels", "timeout"), new Date(NOW - 120_000).toISOString())],
      stale,
      [
        {
          area: "tunnels",
          status: "fail",
          title: "V3 tunnels",
          summary: "down",
          history: [{ status: "fail", at: NOW - 400_000 }],
        },
      ],
      NOW,
    );
    expect(a!.since).toBe(new Date(NOW - 400_000).toISOString());
  });
});

describe("formatSince", () => {
  it.each([
    ["within the last 20 hours: the time alone", NOW - 5 * 60_000, "11:55"],
    ["earlier: with the day", NOW - 2 * 86_400_000, "23 Nov 12:00"],
  ])("%s", (_name, since, text) => {
    expect(formatSince(since, NOW, "UTC")).toBe(text);
  });
});

describe("resolveDensity", () => {
  it.each([
    ["nothing given: comfortable", null, null, "comfortable"],
    ["remembered by the browser", null, "compact", "compact"],
    ["the URL wins over the browser's choice", "comfortable", "compact", "comfortable"],
    ["a kiosk URL on a fresh browser", "compact", null, "compact"],
    ["an unknown URL value counts as not given", "tiny", "compact", "compact"],
    ["an unknown stored value too", null, "huge", "comfortable"],
  ] as const)("%s", (_name, url, stored, density) => {
    expect(resolveDensity(url, stored)).toBe(density);
  });
});

describe("compactAreas", () => {
  const a = (area: string, health: Health, since: string | null = null) => ({ area, health, since });
  it.each([
    ["all green: nothing listed, all OK", [a("tunnels", "ok"), a("cms", "ok")], [], [], true],
    [
      "only the areas that are not OK, worst first, ties in area order",
      [
        a("tunnels", "ok"),
        a("allowlist", "warn"),
        a("turn-relays", "ok"),
        a("dns-tls", "failing"),
        a("cms", "stale"),
        a("versions", "failing"),
      ],
      ["dns-tls", "versions", "cms", "allowlist"],
      [],
      false,
    ],
    [
      "past four lines: three listed, the rest counted",
      [
        a("tunnels", "failing"),
        a("allowlist", "failing"),
        a("turn-relays", "stale"),
        a("turn-servers", "unknown"),
        a("dns-tls", "warn"),
      ],
      ["tunnels", "allowlist", "turn-relays"],
      ["turn-servers", "dns-tls"],
      false,
    ],
    ["no areas at all is not all OK", [], [], [], false],
  ] as const)("%s", (_name, areas, shown, more, allOk) => {
    const r = compactAreas([...areas]);
    expect([r.shown.map((x) => x.area), r.more.map((x) => x.area), r.allOk, r.all]).toEqual([shown, more, allOk, null]);
  });

  it("says in one line when every area is at one bad health, since the latest of their starts", () => {
    const t = (min: number) => new Date(NOW - min * 60_000).toISOString();
    expect(compactAreas([a("tunnels", "stale", t(5)), a("cms", "stale", t(2)), a("versions", "stale", t(9))])).toEqual({
      shown: [],
      more: [],
      allOk: false,
      all: { health: "stale", since: t(2) },
    });
    expect(compactAreas([a("tunnels", "unknown", t(5)), a("cms", "unknown")]).all).toEqual({
      health: "unknown",
      since: null,
    });
    // Mixed healths, or a single area: listed as usual.
    expect(compactAreas([a("tunnels", "failing", t(5)), a("cms", "unknown", t(5))]).all).toBeNull();
    expect(compactAreas([a("tunnels", "failing", t(5))]).shown.map((x) => x.area)).toEqual(["tunnels"]);
  });

  it("says how many areas are OK", () => {
    expect(allOkText(7)).toBe("All 7 areas OK");
    expect(allOkText(1)).toBe("Its one area is OK");
  });
});

describe("boardCounts", () => {
  it.each([
    [
      "worst first, only the healths present",
      ["ok", "failing", "ok", "stale", "failing", "unknown", "warn"],
      "2 failing · 1 stale · 1 no data · 1 warn · 2 OK",
    ],
    ["a healthy board", ["ok", "ok"], "2 OK"],
    ["no deployments", [], ""],
  ] as const)("%s", (_name, healths, text) => {
    expect(formatCounts(boardCounts(healths.map((health) => ({ health }))))).toBe(text);
  });
});
