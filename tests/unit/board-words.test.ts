import { describe, expect, it } from "vitest";
import type { NodeStatus, SourceStatus } from "@/lib/domain/api-types";
import { boardAreas, waitsOnOtherAreas, type CheckOnBoard, type SourceWithSince } from "@/lib/domain/board";
import { checkLines, fitLines, problemLine, shortNodeName, wallReason } from "@/lib/domain/board-words";
import { liveCheckWords } from "@/lib/domain/live-check-words";

const NOW = Date.UTC(2026, 10, 25, 12);
const stale = (ms: number) => 3 * ms;
const nodeNamed = (name: string) =>
  ({
    id: name,
    name,
    role: "EXPRESSWAY_E",
    baseUrl: "https://192.0.2.1",
    tlsInsecure: false,
    sources: [],
  }) as unknown as NodeStatus;
const src = (
  node: string,
  source: string,
  area: SourceStatus["area"],
  outcome: "ok" | "refused" | null,
  o: Partial<SourceStatus> = {},
): SourceWithSince => ({
  node: nodeNamed(node),
  failingSince: null,
  source: {
    source,
    title: "t",
    area,
    domainIds: [],
    intervalMs: 10_000,
    stale: false,
    ageMs: 1000,
    lastOkAt: new Date(NOW - 1000).toISOString(),
    latest: null,
    lastRun: outcome && {
      outcome: outcome === "ok" ? "ok" : "unreachable",
      message: outcome === "ok" ? null : "connection refused",
      startedAt: "",
      finishedAt: "",
    },
    ...o,
  } as SourceStatus,
});

describe("shortNodeName", () => {
  it.each([
    ["vcs-e1.example.local", ["vcs-e1.example.local", "vcs-c.example.local"], "vcs-e1"],
    ["vcs-e1.site-a.example", ["vcs-e1.site-a.example", "vcs-e1.site-b.example"], "vcs-e1.site-a.example"],
    ["192.0.2.10", ["192.0.2.10"], "192.0.2.10"],
    ["cms", ["cms"], "cms"],
    ["vcs-e1.example.local.", ["vcs-e1.example.local."], "vcs-e1"],
  ])("%s among %j is %s", (name, all, want) => {
    expect(shortNodeName(name, all)).toBe(want);
  });
});

describe("checkLines", () => {
  it("leads with node and reason, ends with the first domain ID, never the title", () => {
    const lines = checkLines(
      {
        summary: "Tunnel for join.example.com missing or not Active: vcs-e1.example.local: Inactive.",
        domainIds: ["V3", "R2"],
        items: [{ node: "vcs-e1.example.local", reason: "tunnel Inactive" }],
      },
      ["vcs-e1.example.local"],
    );
    expect(lines).toEqual(["vcs-e1: tunnel Inactive · V3"]);
  });
  it("says the summary (without its full stop) when the check names no problem", () => {
    expect(
      checkLines({ summary: "Outside DNS gives no address for join.example.com (NXDOMAIN).", domainIds: ["R8"] }, []),
    ).toEqual(["Outside DNS gives no address for join.example.com (NXDOMAIN) · R8"]);
  });
  it("a deployment-wide problem has no node prefix", () => {
    expect(problemLine({ node: null, reason: "no outside resolver" }, "R8", [])).toBe("no outside resolver · R8");
  });
});

describe("fitLines", () => {
  it("keeps two lines and folds the rest into a count on the second", () => {
    expect(fitLines(["a", "b"])).toEqual(["a", "b"]);
    expect(fitLines(["a", "b", "c", "d"])).toEqual(["a", "b (+2 more)"]);
    expect(fitLines(["a", "a", "b"])).toEqual(["a", "b"]);
  });
});

describe("boardAreas words", () => {
  it("a non-green area leads with node and reason, up to two lines", () => {
    const nodes = ["vcs-c.example.local", "vcs-e1.example.local", "vcs-e2.example.local"];
    const sources = nodes.map((n) => src(n, "expressway-c.tunnels", "tunnels", "ok"));
    const v3: CheckOnBoard = {
      area: "tunnels",
      status: "fail",
      title: "SSH tunnel for the Join URL to every Expressway-E, Active",
      summary: "long sentence",
      domainIds: ["V3", "R2"],
      items: [
        { node: "vcs-e1.example.local", reason: "tunnel Inactive" },
        { node: "vcs-e2.example.local", reason: "no tunnel" },
      ],
    };
    const [a] = boardAreas(sources, stale, [v3], NOW);
    expect(a).toMatchObject({
      health: "failing",
      detail: "vcs-e1: tunnel Inactive · V3",
      lines: ["vcs-e1: tunnel Inactive · V3", "vcs-e2: no tunnel · V3"],
    });
    expect(a!.lines.join(" ")).not.toContain("SSH tunnel for the Join URL");
  });

  it("a green area has no lines", () => {
    const [a] = boardAreas(
      [src("vcs-c", "expressway-c.tunnels", "tunnels", "ok")],
      stale,
      [{ area: "tunnels", status: "pass", title: "V3", summary: "all Active" }],
      NOW,
    );
    expect(a).toMatchObject({ health: "ok", detail: null, lines: [] });
  });
});

describe("no data only from an area's own sources", () => {
  // CMS refused: its turnServers are not fresh, so the TURN port check (turn-relays) is unknown
  // for want of CMS data, while the Expressway-E relay counts are fresh.
  const sources = [
    src("vcs-e1.example.local", "expressway-e.turn-relays", "turn-relays", "ok"),
    src("cms1.example.local", "cms.turn-servers", "turn-servers", "refused"),
  ];
  const r6: CheckOnBoard = {
    area: "turn-relays",
    status: "unknown",
    title: "R6",
    summary: "turnServers not fresh",
    waitingOn: ["cms.turn-servers"],
  };
  const r4: CheckOnBoard = { area: "turn-relays", status: "pass", title: "R4", summary: "Active" };

  it("keeps the relay area at its own sources' health while CMS is refused", () => {
    expect(waitsOnOtherAreas(r6, sources)).toBe(true);
    const areas = boardAreas(sources, stale, [r4, r6], NOW);
    expect(areas.find((a) => a.area === "turn-relays")).toMatchObject({ health: "ok", lines: [] });
    expect(areas.find((a) => a.area === "turn-servers")).toMatchObject({
      health: "failing",
      detail: "cms1: connection refused",
    });
  });

  it("still says no data when the check waits on the area's own source", () => {
    const own = { ...r6, waitingOn: ["expressway-e.turn-relays"] };
    expect(waitsOnOtherAreas(own, sources)).toBe(false);
    expect(boardAreas(sources, stale, [own], NOW).find((a) => a.area === "turn-relays")!.health).toBe("unknown");
  });

  it("still says no data when it names nothing it waits on (a probe not run), or the area has no source of its own", () => {
    expect(waitsOnOtherAreas({ ...r6, waitingOn: undefined }, sources)).toBe(false);
    expect(waitsOnOtherAreas({ ...r6, area: "dns-tls" }, sources)).toBe(false);
  });

  it("still says no data when the area's own source was never polled", () => {
    const never = [src("vcs-e1", "expressway-e.turn-relays", "turn-relays", null), sources[1]!];
    expect(waitsOnOtherAreas(r6, never)).toBe(false);
  });
});

describe("liveCheckWords", () => {
  const run = (outcome: "ok" | "http", message: string | null) => ({ outcome, message, startedAt: "", finishedAt: "" });
  it.each([
    ["a fresh good poll", { lastRun: run("ok", null), stale: false, ageMs: 4000 }, "healthy", "healthy · data 4 s old"],
    [
      "a failed poll",
      { lastRun: run("http", "HTTP 500"), stale: false, ageMs: 4000 },
      "unhealthy",
      "unhealthy: HTTP 500",
    ],
    [
      "a failed poll without message",
      { lastRun: run("http", null), stale: false, ageMs: 4000 },
      "unhealthy",
      "unhealthy: http",
    ],
    [
      "good once, long ago",
      { lastRun: run("ok", null), stale: true, ageMs: 180_000 },
      "stale",
      "stale: last good data 3 min old",
    ],
    ["never polled", { lastRun: null, stale: true, ageMs: null }, "no data", "no data: never polled"],
  ] as const)("%s", (_n, s, word, text) => {
    expect(liveCheckWords(s as never)).toEqual({ word, text });
  });
});

describe("wallReason", () => {
  it.each([
    ["timed out (UND_ERR_HEADERS_TIMEOUT): Headers Timeout Error", "timed out"],
    ["timed out (deadline): no complete answer from /getxml within 1500 ms", "timed out"],
    ["ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4471", "connection refused"],
    [
      "TLS verification failed (SELF_SIGNED_CERT_IN_CHAIN): self-signed certificate in certificate chain",
      "TLS verification failed",
    ],
    ["HTTP 500 from /getxml?location=/Status/TURN", "HTTP 500"],
    ["HTTP 401", "HTTP 401"],
    ["timed out", "timed out"],
    ["no fresh data", "no fresh data"],
  ])("%s → %s", (message, want) => {
    expect(wallReason(message)).toBe(want);
  });
});
