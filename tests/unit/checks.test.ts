import { describe, expect, it } from "vitest";
import type { CheckStatus } from "@/lib/domain/checks";
import { checkLines, shortNodeName } from "@/lib/domain/board-words";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { c4AdminPort, adminPort } from "@/lib/server/checks/c4-admin-port";
import { CHECKS, MANUAL_STEPS, evaluateChecks, runCheck } from "@/lib/server/checks";
import { compareVersions, parseVersion } from "@/lib/server/checks/versions";
import { ctxWith, dnsResult, NODES, portResult, tlsResult, turnResult, type Bend } from "../support/check-context";

// Each check is pure over a context: a healthy lab-shaped context passes everything, and one bent
// value at a time drives one check to fail, warn or unknown. Missing or stale data is never pass.

const byId = (id: string) => CHECKS.find((c) => c.id === id)!;
const statusOf = (id: string, bend: Bend) => runCheck(byId(id), ctxWith(bend));
const snap = <T>(content: T) => ({ since: "", lastSeenAt: "", content });

describe("the healthy context", () => {
  it("passes every check, each with evidence that names its source and age", () => {
    for (const r of evaluateChecks(ctxWith())) {
      expect(r.status, `${r.id}: ${r.summary}`).toBe("pass");
      expect(r.evidence.length, r.id).toBeGreaterThan(0);
      for (const e of r.evidence) expect(e.source, r.id).toBeTruthy();
      expect(r.fix).toEqual([]);
    }
  });

  it("has unique check ids, each citing domain ids", () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) expect(c.domainIds.length, c.id).toBeGreaterThan(0);
  });
});

const CASES: [string, string, Bend, CheckStatus][] = [
  [
    "v3-tunnels",
    "a Join URL tunnel Inactive",
    {
      data: {
        "c expressway-c.tunnels": snap({
          tunnels: [
            { target: "vcs-e1.example.local", domain: "webbridge.example.com", status: "Active" },
            { target: "vcs-e2.example.local", domain: "webbridge.example.com", status: "Inactive" },
          ],
        }),
      },
    },
    "fail",
  ],
  [
    "v3-tunnels",
    "no tunnel for the Join URL",
    {
      data: {
        "c expressway-c.tunnels": snap({
          tunnels: [{ target: "vcs-e1.example.local", domain: "example.com", status: "Active" }],
        }),
      },
    },
    "fail",
  ],
  [
    "v2-allowlist-rules",
    "wss rule missing",
    {
      data: {
        "c expressway-c.allowlist-auto": snap({
          rules: [
            {
              description: "x",
              protocol: "https",
              port: 443,
              matchType: "Prefix",
              path: "/",
              methods: ["DELETE", "GET", "HEAD", "POST", "PUT"],
            },
          ],
        }),
      },
    },
    "fail",
  ],
  [
    "v2-allowlist-rules",
    "a method missing",
    {
      data: {
        "c expressway-c.allowlist-auto": snap({
          rules: ["https", "wss"].map((protocol) => ({
            protocol,
            port: 443,
            matchType: "Prefix",
            path: "/",
            methods: ["GET", "POST"],
          })),
        }),
      },
    },
    "fail",
  ],
  [
    "c1-web-proxy",
    "web proxy off",
    {
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: false,
          guestAccountClientUri: "webbridge.example.com",
          resolved: [],
        }),
      },
    },
    "fail",
  ],
  [
    "c1-web-proxy",
    "guest URI not the Join URL",
    {
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: true,
          guestAccountClientUri: "join.example.com",
          resolved: [],
        }),
      },
    },
    "fail",
  ],
  [
    "c1-web-proxy",
    "guest URI differs only in case",
    {
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: true,
          guestAccountClientUri: "WebBridge.Example.com",
          resolved: [{ name: "webbridge.example.com", address: "10.0.0.20" }],
        }),
      },
    },
    "pass",
  ],
  [
    "v1-web-bridge-resolved",
    "nothing resolved",
    {
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: true,
          guestAccountClientUri: "webbridge.example.com",
          resolved: [],
        }),
      },
    },
    "fail",
  ],
  [
    "v1-web-bridge-resolved",
    "resolved to Expressway-E",
    {
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: true,
          guestAccountClientUri: "webbridge.example.com",
          resolved: [{ name: "webbridge.example.com", address: "203.0.113.5" }],
        }),
      },
    },
    "fail",
  ],
  [
    "r2-expressway-e-answers",
    "one Expressway-E refuses connections",
    { reading: { "e2 expressway-e.turn-relays": { lastOutcome: "unreachable", lastMessage: "connect ECONNREFUSED" } } },
    "fail",
  ],
  [
    "r2-expressway-e-answers",
    "one Expressway-E times out",
    { reading: { "e1 expressway-e.turn-relays": { lastOutcome: "timeout", lastMessage: "no answer in 5 s" } } },
    "fail",
  ],
  [
    "r2-expressway-e-answers",
    "one Expressway-E answers 401 (it is up)",
    { reading: { "e1 expressway-e.turn-relays": { lastOutcome: "auth", lastMessage: "401" } } },
    "pass",
  ],
  [
    "r4-turn-active",
    "TURN Inactive on one node",
    { data: { "e2 expressway-e.turn-relays": { at: "", current: 0, peak: 0, total: 0, serverStatus: "Inactive" } } },
    "fail",
  ],
  [
    "c5-turn-servers",
    "serverAddress = public",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [
              { id: "t1", serverAddress: "203.0.113.5", clientAddress: "203.0.113.5", type: "expressway" },
              { id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" },
            ],
          }),
          status: null,
        },
      },
    },
    "fail",
  ],
  [
    "c5-turn-servers",
    "type standard",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [
              { id: "t1", serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "standard" },
              { id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" },
            ],
          }),
          status: null,
        },
      },
    },
    "fail",
  ],
  [
    "c5-turn-servers",
    "one missing",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [{ id: "t1", serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "expressway" }],
          }),
          status: null,
        },
      },
    },
    "fail",
  ],
  [
    "c5-turn-servers",
    "a duplicate",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: ["t1", "t1b"]
              .map((id) => ({ id, serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "expressway" }))
              .concat([{ id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" }]),
          }),
          status: null,
        },
      },
    },
    "fail",
  ],
  [
    "c5-turn-servers",
    "E addresses not set",
    { nodes: NODES.map((n) => (n.id === "e2" ? { ...n, privateAddress: null } : n)) },
    "unknown",
  ],
  [
    "v4-turn-rtt",
    "no RTT for one",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [
              { id: "t1", serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "expressway" },
              { id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" },
            ],
          }),
          status: {
            at: "",
            hosts: [
              { turnServerId: "t1", hostAddress: "10.0.0.36", rttMs: 3, allocations: 0 },
              { turnServerId: "t2", hostAddress: "10.0.0.37", rttMs: null, allocations: 0 },
            ],
          },
        },
      },
    },
    "fail",
  ],
  ["v4-turn-rtt", "RTT over the threshold", { deployment: { rttThresholdMs: 3 } }, "warn"],
  [
    "v4-turn-rtt",
    "CMS without a status endpoint",
    { data: { "cms cms.turn-servers": { ...snap({ turnServers: [] }), status: null } } },
    "unknown",
  ],
  [
    "r1-versions",
    "CMS 2.9.1 with X15",
    { data: { "cms cms.system": snap({ softwareVersion: "2.9.1", activated: true }) } },
    "fail",
  ],
  [
    "r1-versions",
    "CMS 2.9.2 with X15: below the baseline",
    { data: { "cms cms.system": snap({ softwareVersion: "2.9.2", activated: true }) } },
    "warn",
  ],
  [
    "r1-versions",
    "CMS 2.9.1 with X12.5 only: baseline warning",
    {
      data: {
        "cms cms.system": snap({ softwareVersion: "2.9.1" }),
        ...Object.fromEntries(["c", "e1", "e2"].map((n) => [`${n} expressway.system`, snap({ version: "X12.5.4" })])),
      },
    },
    "warn",
  ],
  [
    "r1-versions",
    "Expressway before X8.9.2",
    { data: { "e1 expressway.system": snap({ version: "X8.8.1" }) } },
    "fail",
  ],
  [
    "r3-cms-alarms",
    "alarms present",
    {
      data: {
        "cms cms.alarms": snap({
          alarms: [{ id: "a", type: "c2wConnectionFailure", failureReason: null, parameters: {} }],
        }),
      },
    },
    "fail",
  ],
  ["r12-jabber-guest", "pair serves Jabber Guest", { deployment: { jabberGuest: true } }, "fail"],
  [
    "r8-outside-dns",
    "Join URL outside → some other address",
    { probes: { [PROBE_KEYS.outsideJoin]: dnsResult("webbridge.example.com", "A", ["198.51.100.7"]) } },
    "fail",
  ],
  [
    "r8-outside-dns",
    "NXDOMAIN outside",
    { probes: { [PROBE_KEYS.outsideJoin]: dnsResult("webbridge.example.com", "A", []) } },
    "fail",
  ],
  [
    "r8-outside-dns",
    "resolver timed out",
    { probes: { [PROBE_KEYS.outsideJoin]: dnsResult("webbridge.example.com", "A", [], "timeout") } },
    "unknown",
  ],
  [
    "r8-outside-dns",
    "outside resolver not configured",
    {
      probes: { [PROBE_KEYS.outsideJoin]: null },
      probeReading: { [PROBE_KEYS.outsideJoin]: { missing: "configure the outside resolver of the deployment" } },
    },
    "unknown",
  ],
  [
    "r9-inside-dns",
    "Join URL inside → Expressway-E public",
    { probes: { [PROBE_KEYS.insideJoin]: dnsResult("webbridge.example.com", "A", ["203.0.113.5"]) } },
    "fail",
  ],
  [
    "r9-inside-dns",
    "Join URL inside → unknown address",
    { probes: { [PROBE_KEYS.insideJoin]: dnsResult("webbridge.example.com", "A", ["10.9.9.9"]) } },
    "warn",
  ],
  [
    "r9-inside-dns",
    "NXDOMAIN inside",
    { probes: { [PROBE_KEYS.insideJoin]: dnsResult("webbridge.example.com", "A", []) } },
    "fail",
  ],
  [
    "xmpp-srv",
    "SRV missing",
    { probes: { [PROBE_KEYS.insideXmpp]: dnsResult("_xmpp-client._tcp.example.com", "SRV", [], "nodata") } },
    "fail",
  ],
  ["c2-certificate", "Join URL not a SAN", { probes: { [PROBE_KEYS.tls("e2")]: tlsResult(false) } }, "fail"],
  ["c2-certificate", "expires in 10 days", { probes: { [PROBE_KEYS.tls("e1")]: tlsResult(true, 10) } }, "warn"],
  ["c2-certificate", "expired", { probes: { [PROBE_KEYS.tls("e1")]: tlsResult(true, -2) } }, "fail"],
  [
    "c2-certificate",
    "result too old",
    { probeReading: { [PROBE_KEYS.tls("e1")]: { stale: true, ageMs: 3_600_000 } } },
    "unknown",
  ],
  [
    "c4-admin-port",
    "E admin on 443",
    { nodes: NODES.map((n) => (n.id === "e1" ? { ...n, baseUrl: "https://vcs-e1.example.local" } : n)) },
    "fail",
  ],
  ["r6-turn-ports", "UDP 3478 silent", { probes: { [PROBE_KEYS.udp("e1")]: portResult("udp", false) } }, "fail"],
  [
    "r6-turn-ports",
    "TCP 3478 closed with tcpPortNumberOverride=3478 (R11)",
    { probes: { [PROBE_KEYS.tcp("e2")]: portResult("tcp", false) } },
    "fail",
  ],
  [
    "r6-turn-ports",
    "TCP closed but no override: irrelevant",
    {
      probes: { [PROBE_KEYS.tcp("e2")]: portResult("tcp", false) },
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [
              { id: "t1", serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "expressway" },
              { id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" },
            ],
          }),
          status: null,
        },
      },
    },
    "pass",
  ],
  [
    "r6-turn-ports",
    "CMS data stale: override unknown",
    { reading: { "cms cms.turn-servers": { stale: true } } },
    "unknown",
  ],
  [
    "c5-turn-credentials",
    "Allocate rejected 401",
    { probes: { [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401) } },
    "fail",
  ],
  [
    "c5-turn-credentials",
    "Allocate rejected 431 (Expressway)",
    { probes: { [PROBE_KEYS.turn("e2")]: turnResult("integrity-check-failure", 431) } },
    "fail",
  ],
  [
    "c5-turn-credentials",
    "TURN port silent",
    { probes: { [PROBE_KEYS.turn("e1")]: turnResult("timeout") } },
    "unknown",
  ],
  [
    "c5-turn-credentials",
    "no credentials entered",
    {
      probes: { [PROBE_KEYS.turn("e1")]: null },
      probeReading: { [PROBE_KEYS.turn("e1")]: { missing: "configure the TURN credentials of vcs-e1" } },
    },
    "unknown",
  ],
  [
    "c5-turn-credentials",
    "credentials work but CMS data is stale",
    { reading: { "cms cms.turn-servers": { stale: true } } },
    "unknown",
  ],
  [
    "c5-turn-credentials",
    "rejected even with stale CMS data",
    {
      reading: { "cms cms.turn-servers": { stale: true } },
      probes: { [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401) },
    },
    "fail",
  ],
  [
    "c5-turn-credentials",
    "CMS uses another username",
    {
      data: {
        "cms cms.turn-servers": {
          ...snap({
            turnServers: [
              {
                id: "t1",
                serverAddress: "10.0.0.36",
                clientAddress: "203.0.113.5",
                type: "expressway",
                username: "other",
              },
            ],
          }),
          status: null,
        },
      },
    },
    "fail",
  ],
];

describe.each(CASES)("%s: %s", (id, _what, bend, expected) => {
  it(`is ${expected}`, () => {
    const r = statusOf(id, bend);
    expect(r.status, r.summary).toBe(expected);
    if (expected !== "pass") expect(r.fix.length, "a non-pass result guides a fix").toBeGreaterThan(0);
    if (expected === "fail") expect(r.fix.join(" ")).toMatch(/[A-Z]\d+/); // fixes cite domain ids
  });
});

// A turnServer whose detail request failed keeps the list's addresses; its type, username and
// tcpPortNumberOverride are unknown (lib/server/collectors/cms-turn-servers.ts marks the part).
describe("a turnServer whose detail CMS did not give", () => {
  const REASON = "http: HTTP 500 (CMS failureDetails: tooManyRequests)";
  const turnData = (t1: Record<string, unknown>) => {
    const healthy = ctxWith().reading("cms", "cms.turn-servers").data!;
    return {
      "cms cms.turn-servers": {
        ...healthy,
        content: {
          turnServers: [
            { id: "t1", username: null, type: null, hosts: null, ...t1 },
            healthy.content.turnServers.find((t) => t.id === "t2"),
          ],
          parts: [
            { part: "turnServer t1 detail", location: "/api/v1/turnServers/t1", state: "failed", reason: REASON },
          ],
        },
      },
    };
  };
  const unread = turnData({ serverAddress: "10.0.0.36", clientAddress: "203.0.113.5" });

  it("C5 is unknown for that turnServer, with the reason, instead of calling its type wrong", () => {
    const r = statusOf("c5-turn-servers", { data: unread });
    expect(r.status, r.summary).toBe("unknown");
    expect(r.summary).toContain(`vcs-e1.example.local: turnServer t1 detail not readable: ${REASON}`);
    expect(r.summary).not.toMatch(/not expressway|vcs-e2/);
    expect(r.evidence.map((e) => e.value).join(" ")).toContain(`detail not readable: ${REASON}`);
    expect(r.fix.length).toBeGreaterThan(0);
  });

  it("C5 still fails on a wrong address the list gave", () => {
    const r = statusOf("c5-turn-servers", {
      data: turnData({ serverAddress: "203.0.113.5", clientAddress: "203.0.113.5" }),
    });
    expect(r.status).toBe("fail");
    expect(r.summary).toMatch(/serverAddress 203\.0\.113\.5 is not its private address 10\.0\.0\.36/);
    expect(r.summary).not.toMatch(/not expressway/);
  });

  it("C5 turn credentials cannot confirm CMS's username: unknown, not pass", () => {
    const r = statusOf("c5-turn-credentials", { data: unread });
    expect(r.status, r.summary).toBe("unknown");
    expect(r.summary).toContain(`detail not readable: ${REASON}`);
  });

  it("R6 cannot tell whether TCP 3478 must answer: unknown, while a silent UDP 3478 still fails", () => {
    const r = statusOf("r6-turn-ports", { data: unread });
    expect(r.status, r.summary).toBe("unknown");
    expect(r.summary).toContain("tcpPortNumberOverride is unknown");
    const udp = statusOf("r6-turn-ports", {
      data: unread,
      probes: { [PROBE_KEYS.udp("e1")]: portResult("udp", false) },
    });
    expect(udp.status).toBe("fail");
  });

  it("V4 reads the status regardless", () => {
    const r = statusOf("v4-turn-rtt", {
      data: turnData({
        serverAddress: "10.0.0.36",
        clientAddress: "203.0.113.5",
        hosts: [{ address: "10.0.0.36", portNumber: 3478, reachable: true, mappedAddress: null }],
      }),
    });
    expect(r.status, r.summary).toBe("pass");
  });
});

// Source-backed checks: for each source they read, missing and stale data give unknown, never pass.
const SOURCE_DEPENDENCIES: [string, string][] = [
  ["v3-tunnels", "c expressway-c.tunnels"],
  ["v2-allowlist-rules", "c expressway-c.allowlist-auto"],
  ["c1-web-proxy", "c expressway-c.cms-settings"],
  ["v1-web-bridge-resolved", "c expressway-c.cms-settings"],
  ["r4-turn-active", "e2 expressway-e.turn-relays"],
  ["v5-relay-usage", "e1 expressway-e.turn-relays"],
  ["c5-turn-servers", "cms cms.turn-servers"],
  ["v4-turn-rtt", "cms cms.turn-servers"],
  ["r1-versions", "e2 expressway.system"],
  ["r1-versions", "cms cms.system"],
  ["r3-cms-alarms", "cms cms.alarms"],
  ["cms-licensing", "cms cms.licensing"],
  ["cms-database", "cms cms.database"],
  ["capacity-media-load", "cms cms.load"],
  ["capacity-turn-relays", "e1 expressway-e.turn-relays"],
  ["capacity-call-licences", "c expressway.call-licences"],
  ["capacity-call-licences", "e2 expressway.call-licences"],
];

describe("missing or stale data", () => {
  it.each(SOURCE_DEPENDENCIES)("%s is unknown when %s was never polled", (id, key) => {
    expect(statusOf(id, { data: { [key]: null } }).status).toBe("unknown");
  });
  it.each(SOURCE_DEPENDENCIES)("%s is unknown when %s is stale, even if the stale value looks healthy", (id, key) => {
    const r = statusOf(id, {
      reading: { [key]: { stale: true, ageMs: 600_000, lastOutcome: "timeout", lastMessage: "no answer" } },
    });
    expect(r.status).toBe("unknown");
    expect(r.evidence.map((e) => e.value).join(" ")).toMatch(/stale.*timeout/);
  });
  it.each(CHECKS.filter((c) => !["c4-admin-port", "r12-jabber-guest"].includes(c.id)).map((c) => c.id))(
    "%s is unknown with no data and no probes at all",
    (id) => {
      const r = runCheck(
        byId(id),
        ctxWith({
          data: Object.fromEntries(
            [
              "c expressway-c.tunnels",
              "c expressway-c.allowlist-auto",
              "c expressway-c.cms-settings",
              "c expressway.system",
              "e1 expressway.system",
              "e2 expressway.system",
              "e1 expressway-e.turn-relays",
              "e2 expressway-e.turn-relays",
              "cms cms.system",
              "cms cms.alarms",
              "cms cms.turn-servers",
              "cms cms.load",
              "cms cms.licensing",
              "cms cms.database",
              "c expressway.call-licences",
              "e1 expressway.call-licences",
              "e2 expressway.call-licences",
            ].map((k) => [k, null]),
          ),
          probes: Object.fromEntries(
            [
              "dns-outside-join",
              "dns-inside-join",
              "dns-inside-xmpp",
              ...["e1", "e2"].flatMap((e) => [
                PROBE_KEYS.tls(e),
                PROBE_KEYS.udp(e),
                PROBE_KEYS.tcp(e),
                PROBE_KEYS.turn(e),
                PROBE_KEYS.certPublic(e),
              ]),
              ...["c", "e1", "e2", "cms"].map(PROBE_KEYS.certManagement),
            ].map((k) => [k, null]),
          ),
        }),
      );
      expect(r.status).toBe("unknown");
    },
  );
});

describe("pure helpers", () => {
  it.each([
    ["https://vcs-e1.example.com:445", 445],
    ["https://vcs-e1.example.com", 443],
    ["https://vcs-e1.example.com:443/", 443],
    ["not a url", null],
  ])("adminPort(%s) = %s (C4)", (url, port) => expect(adminPort(url)).toBe(port));

  it("C4 passes on the lab's random admin ports and fails on 443", () => {
    expect(c4AdminPort.evaluate(ctxWith()).status).toBe("pass");
  });

  it.each([
    ["X15.2.1", [15, 2, 1]],
    ["X8.11.3", [8, 11, 3]],
    ["3.9.2", [3, 9, 2]],
    ["2.0(RC)", [2, 0]],
    ["garbage", null],
  ])("parseVersion(%s)", (text, v) => expect(parseVersion(text)).toEqual(v));

  it("compares versions with missing parts as zero", () => {
    expect(compareVersions([2, 9], [2, 9, 0])).toBe(0);
    expect(compareVersions([2, 9, 3], [2, 9, 2])).toBeGreaterThan(0);
    expect(compareVersions([12, 6], [12, 6, 1])).toBeLessThan(0);
  });
});

// Cisco's turnServer status and alarms (ciscocms/apiary) as V4, R3 and C1 read them.
const TS = [
  { id: "t1", serverAddress: "10.0.0.36", clientAddress: "203.0.113.5", type: "expressway" },
  { id: "t2", serverAddress: "10.0.0.37", clientAddress: "203.0.113.6", type: "expressway" },
];
const turnData = (hosts: object[]) => ({
  "cms cms.turn-servers": { ...snap({ turnServers: TS }), status: { at: "", hosts } },
});
const alarm = (type: string, parameters: Record<string, string> = {}) => ({
  id: type,
  type,
  failureReason: null,
  parameters,
});

describe("V4 in Cisco's terms: reachable, slow, and no status are three findings", () => {
  it("names the host CMS reports unreachable", () => {
    const r = statusOf("v4-turn-rtt", {
      data: turnData([
        { turnServerId: "t1", hostAddress: "10.0.0.36", rttMs: 3, allocations: 0, reachable: true },
        { turnServerId: "t2", hostAddress: "10.0.0.37", rttMs: null, allocations: 0, reachable: false },
      ]),
    });
    expect(r.status).toBe("fail");
    expect(r.summary).toContain("CMS reports 10.0.0.37 unreachable");
    expect(r.evidence.map((e) => e.value)).toContain("unreachable");
  });

  it("says 'CMS gave no status' for a turnServer without hosts, unlike an unreachable one", () => {
    const r = statusOf("v4-turn-rtt", {
      data: turnData([{ turnServerId: "t1", hostAddress: "10.0.0.36", rttMs: 3, allocations: 0, reachable: true }]),
    });
    expect(r.status).toBe("fail");
    expect(r.summary).toMatch(/vcs-e2\.example\.local \(10\.0\.0\.37\): CMS gave no status/);
    expect(r.summary).not.toMatch(/unreachable/);
  });

  it("warns on a reachable but slow host, naming it", () => {
    const r = statusOf("v4-turn-rtt", {
      data: turnData([
        { turnServerId: "t1", hostAddress: "10.0.0.36", rttMs: 900, allocations: 0, reachable: true },
        { turnServerId: "t2", hostAddress: "10.0.0.37", rttMs: 4, allocations: 0, reachable: true },
      ]),
    });
    expect(r.status).toBe("warn");
    expect(r.summary).toMatch(/Reachable but slow: .*10\.0\.0\.36.*900 ms/);
  });

  it("fails on a turnServerUnavailable alarm naming one of the turnServers, and R3 leaves that alarm to V4", () => {
    const data = { "cms cms.alarms": snap({ alarms: [alarm("turnServerUnavailable", { turnServer: "t2" })] }) };
    const v4 = statusOf("v4-turn-rtt", { data });
    expect(v4.status).toBe("fail");
    expect(v4.summary).toContain("turnServerUnavailable names vcs-e2.example.local (10.0.0.37)");
    expect(statusOf("r3-cms-alarms", { data }).status).toBe("pass");
  });

  it("passes with every host reachable and fast", () => {
    expect(statusOf("v4-turn-rtt", {}).status).toBe("pass");
  });
});

describe("R3 reads alarms and Web Bridge status in Cisco's words", () => {
  it.each([
    "xmppRegistrationFailure",
    "callBridgeConnectionFailure",
    "databaseConnectionError",
    "databaseClusternodeOutofSync",
    "guestAccountConnectionFailure",
  ])("fails on %s", (type) => {
    const r = statusOf("r3-cms-alarms", { data: { "cms cms.alarms": snap({ alarms: [alarm(type)] }) } });
    expect(r.status).toBe("fail");
    expect(r.summary).toContain(type);
  });

  it("fails on a Web Bridge dnsFailure and passes on success or unused", () => {
    const wb = (status: string) => ({
      "cms cms.web-bridges": snap({
        webBridges: [
          {
            id: "w",
            url: "c2w://webbridge.example.com:9999",
            resourceArchive: null,
            status: { status, documented: true, leaves: {} },
          },
        ],
      }),
    });
    const bad = statusOf("r3-cms-alarms", { data: wb("dnsFailure") });
    expect(bad.status).toBe("fail");
    expect(bad.evidence.map((e) => e.value).join(" ")).toMatch(/dnsFailure: name resolution failed/);
    expect(statusOf("r3-cms-alarms", { data: wb("success") }).status).toBe("pass");
    expect(statusOf("r3-cms-alarms", { data: wb("unused") }).status).toBe("pass");
  });
});

describe("R2 and R3 say on the wall board which node and what, not the check's sentence", () => {
  const names = ["vcs-e1.example.local", "vcs-e2.example.local", "cms1.example.local"];
  it("R2: the node that does not answer, in the node's own words", () => {
    const r = statusOf("r2-expressway-e-answers", {
      reading: {
        "e2 expressway-e.turn-relays": {
          lastOutcome: "unreachable",
          lastMessage: "ECONNREFUSED: connect 192.0.2.12:443",
        },
      },
    });
    expect(r.status).toBe("fail");
    expect(checkLines(r, names)).toEqual(["vcs-e2: not answering (connection refused) · R2"]);
  });
  it("R3: each alarm by Cisco's type, each failing Web Bridge by its status", () => {
    const r = statusOf("r3-cms-alarms", {
      data: {
        "cms cms.alarms": snap({ alarms: [alarm("c2wConnectionFailure"), alarm("xmppRegistrationFailure")] }),
        "cms cms.web-bridges": snap({
          webBridges: [
            {
              id: "w",
              url: "c2w://webbridge.example.com:9999",
              resourceArchive: null,
              status: { status: "dnsFailure", documented: true, leaves: {} },
            },
          ],
        }),
      },
    });
    expect(r.status).toBe("fail");
    const node = r.items![0]!.node!;
    expect(checkLines(r, [...names, node])).toEqual(
      ["c2wConnectionFailure", "xmppRegistrationFailure", "Web Bridge dnsFailure"].map(
        (w) => `${shortNodeName(node, [...names, node])}: ${w} · R3`,
      ),
    );
    // The summary keeps the alarms in full.
    expect(r.summary).toContain("c2wConnectionFailure");
  });
});

describe("C1 and V1 when Expressway-C refuses the (invented) settings location", () => {
  const refused = {
    part: "settings (web proxy, Guest account client URI)",
    location: "/Configuration/CollaborationEdge/CMS",
    state: "unavailable",
    reason: "No match for XPath",
  };
  const noSettings = (resolved: object[] | null) => ({
    "c expressway-c.cms-settings": snap({
      webProxyEnabled: null,
      guestAccountClientUri: null,
      resolved,
      parts: [refused],
    }),
  });

  it("passes C1 inferred from V2/V3 (rules present, Join URL tunnel Active), marked as inferred", () => {
    const r = statusOf("c1-web-proxy", { data: noSettings([{ name: "webbridge.example.com", address: "10.0.0.20" }]) });
    expect(r.status).toBe("pass");
    expect(r.inferred).toMatchObject({ from: ["V2", "V3"] });
    expect(r.summary).toMatch(/inferred from V2\/V3/);
    expect(r.evidence.map((e) => e.value).join(" ")).toMatch(/not available on this version: No match for XPath/);
    expect(
      statusOf("v1-web-bridge-resolved", {
        data: noSettings([{ name: "webbridge.example.com", address: "10.0.0.20" }]),
      }).status,
    ).toBe("pass");
  });

  it("fails C1 inferred when neither web bridge rules nor a Join URL tunnel exist", () => {
    const r = statusOf("c1-web-proxy", {
      data: {
        ...noSettings([]),
        "c expressway-c.allowlist-auto": snap({ rules: [] }),
        "c expressway-c.tunnels": snap({ tunnels: [] }),
      },
    });
    expect(r.status).toBe("fail");
    expect(r.inferred?.from).toEqual(["V2", "V3"]);
  });

  it("is unknown when V2 and V3 disagree, and V1 is unknown when the resolved table is missing too", () => {
    const r = statusOf("c1-web-proxy", {
      data: { ...noSettings(null), "c expressway-c.allowlist-auto": snap({ rules: [] }) },
    });
    expect(r.status).toBe("unknown");
    expect(statusOf("v1-web-bridge-resolved", { data: noSettings(null) }).status).toBe("unknown");
  });

  it("a direct reading is never marked inferred", () => {
    expect(statusOf("c1-web-proxy", {}).inferred).toBeUndefined();
  });
});

describe("single-part sources the box does not have", () => {
  it("V3 is unknown (never 'no tunnel') when the tunnels location is not available on this version", () => {
    const r = statusOf("v3-tunnels", {
      data: {
        "c expressway-c.tunnels": snap({
          tunnels: [],
          parts: [
            {
              part: "SSH tunnels",
              location: "/Status/CollaborationEdge/Tunnels",
              state: "unavailable",
              reason: "No match for XPath",
            },
          ],
        }),
      },
    });
    expect(r.status).toBe("unknown");
    expect(r.summary).toMatch(/not available on this version: No match for XPath/);
  });
});

describe("manual steps", () => {
  it("each has a reason and steps", () => {
    for (const m of MANUAL_STEPS) {
      expect(m.reason.length).toBeGreaterThan(20);
      expect(m.steps.length).toBeGreaterThan(0);
    }
  });
});
