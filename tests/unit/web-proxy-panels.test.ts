import { describe, expect, it } from "vitest";
import type { AllowListAuto } from "@/lib/server/collectors/expressway-c-allowlist-auto";
import type { Tunnels } from "@/lib/server/collectors/expressway-c-tunnels";
import type { SnapshotView } from "@/lib/server/collectors/snapshot-store";
import type { cmsTurnServers } from "@/lib/server/collectors/cms-turn-servers";
import type { AllowListRule, Latest as AllowListLatest } from "@/lib/domain/sources/expressway-c-allowlist-auto";
import type { Latest as TunnelsLatest } from "@/lib/domain/sources/expressway-c-tunnels";
import type { Latest as TurnServersLatest } from "@/lib/domain/sources/cms-turn-servers";

type CmsTurnServersLatest = NonNullable<ReturnType<Awaited<ReturnType<typeof cmsTurnServers.latestMany>>["get"]>>;
import { compareAllowListRules, EXPECTED_WEB_BRIDGE_RULES, tunnelView } from "@/lib/domain/web-proxy";

// The browser's copies of the collectors' latest() shapes must still fit the server ones.
type Fits<A, B> = A extends B ? true : false;
const fits: [
  Fits<SnapshotView<Tunnels>, TunnelsLatest>,
  Fits<SnapshotView<AllowListAuto>, AllowListLatest>,
  Fits<CmsTurnServersLatest, Pick<TurnServersLatest, "status" | "since">>,
] = [true, true, true];

const rule = (protocol: string, o: Partial<AllowListRule> = {}): AllowListRule => ({
  description: "Meeting Server web bridges",
  protocol,
  port: 443,
  matchType: "Prefix",
  path: "/",
  methods: ["DELETE", "GET", "HEAD", "POST", "PUT"],
  ...o,
});
const other = rule("https", {
  description: "Phone config",
  port: 8443,
  matchType: "Exact",
  path: "/cucm-uds/",
  methods: ["GET"],
});

describe("V2 expected allow-list rules", () => {
  it("keeps the browser types in step with the collectors", () => expect(fits).toEqual([true, true, true]));

  const table: { name: string; rules: AllowListRule[]; states: string[]; missing: string[] }[] = [
    { name: "both present", rules: [rule("https"), rule("wss")], states: ["expected", "expected"], missing: [] },
    { name: "wss absent", rules: [rule("https")], states: ["missing", "expected"], missing: ["wss"] },
    { name: "none at all", rules: [], states: ["missing", "missing"], missing: ["https", "wss"] },
    {
      name: "wss lacks DELETE",
      rules: [rule("https"), rule("wss", { methods: ["GET", "HEAD", "POST", "PUT"] })],
      states: ["missing", "expected", "differs"],
      missing: ["wss"],
    },
    {
      name: "https on Exact match, an unrelated rule",
      rules: [rule("https", { matchType: "Exact" }), rule("wss"), other],
      states: ["missing", "differs", "expected", "other"],
      missing: ["https"],
    },
    {
      name: "extra methods and lower-case match type are fine",
      rules: [
        rule("https", { matchType: "prefix", methods: ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"] }),
        rule("wss"),
      ],
      states: ["expected", "expected"],
      missing: [],
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const rows = compareAllowListRules(c.rules);
      expect(rows.map((r) => r.state)).toEqual(c.states);
      expect(rows.filter((r) => r.state === "missing").map((r) => r.rule.protocol)).toEqual(c.missing);
    });
  }

  it("says why a near rule does not count, and shows the expected values on the missing row", () => {
    const rows = compareAllowListRules([rule("wss", { port: 8443, methods: ["GET"] }), rule("https")]);
    const missing = rows.find((r) => r.state === "missing")!;
    expect(missing.rule).toEqual(EXPECTED_WEB_BRIDGE_RULES[1]);
    expect(rows.find((r) => r.state === "differs")!.problems).toEqual([
      "port 8443, not 443",
      "methods lack DELETE, HEAD, POST, PUT",
    ]);
    expect(missing.problems[0]).toMatch(/wss rule present is not as required: port 8443/);
  });
});

describe("V3 tunnels per Expressway-E", () => {
  const es = ["vcs-e1.example.local", "vcs-e2.example.local"];
  it("lists Join URL tunnels first and finds nodes with none or not Active", () => {
    const v = tunnelView(
      [
        { target: "vcs-e1.example.local", domain: "example.com", status: "Active" },
        { target: "VCS-E1.example.local.", domain: "WebBridge.example.com", status: "Inactive" },
      ],
      es,
      "webbridge.example.com",
    );
    expect(v.rows.map((r) => [r.domain, r.forJoinUrl, r.active])).toEqual([
      ["WebBridge.example.com", true, false],
      ["example.com", false, true],
    ]);
    expect(v.eNodesWithoutJoinTunnel).toEqual(["vcs-e2.example.local"]);
    expect(v.eNodesJoinNotActive).toEqual(["vcs-e1.example.local"]);
  });
});
