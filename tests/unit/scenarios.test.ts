import { describe, expect, it } from "vitest";
import type { CaseEvidence } from "@/lib/domain/checks";
import type { Finding } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { evaluateChecks } from "@/lib/server/checks";
import { detect } from "@/lib/server/scenarios";
import { ctxWith, dnsResult, portResult, turnResult, type Bend } from "../support/check-context";

// The verdict engine over hand-built check contexts and evidence findings: each symptom likely
// with its root cause first and that cause's own fix; explained causes follow their root and do
// not inflate the confidence; "confirmed" only from the engineer's own evidence.
const run = (bend: Bend, evidence: CaseEvidence[] = []) => {
  const checks = evaluateChecks(ctxWith(bend));
  const ctx = ctxWith(bend);
  const d = detect(checks, evidence, ctx.now);
  return { ...d, checks, byId: Object.fromEntries(d.scenarios.map((s) => [s.id, s])) };
};
const snap = <T>(content: T) => ({ since: "", lastSeenAt: "", content });
const iceFailure: Finding = {
  id: "cms-log.ice-unauthorized",
  severity: "fail",
  scenarioIds: ["T1"],
  domainIds: ["C3", "C5"],
  confidence: "high",
  title: "TURN credentials rejected",
  detail: "ICE failure 4 on call 7",
  fix: ["Set the turnServer password again (C5)."],
  evidence: [
    { line: 3, text: "2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4 (unauthorized - check credentials)" },
  ],
};
const file = (findings: Finding[], fileName = "event.log"): CaseEvidence => ({
  fileName,
  kind: "cms-log",
  bytes: 512,
  findings,
});

describe("the verdict engine", () => {
  it("indicates nothing on a healthy deployment, and gives each symptom's investigation path as its fix", () => {
    const r = run({});
    for (const s of r.scenarios) {
      expect(s.verdict, s.id).toBe("not-indicated");
      expect(s.confidence).toBe(0);
      expect(s.fixFrom).toBe("symptom");
      expect(s.fix).toEqual(SCENARIOS[s.id].fix);
    }
    expect(r.leading).toBeNull();
    expect(r.unrelated).toEqual([]);
  });

  it.each<[string, Bend, string, string]>([
    [
      "TURN Allocate rejected",
      { probes: { [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401) } },
      "T1",
      "c5-turn-credentials",
    ],
    [
      "inside DNS gives Expressway-E",
      { probes: { [PROBE_KEYS.insideJoin]: dnsResult("webbridge.example.com", "A", ["203.0.113.5"]) } },
      "T2",
      "r9-inside-dns",
    ],
    [
      "_xmpp-client SRV missing",
      { probes: { [PROBE_KEYS.insideXmpp]: dnsResult("_xmpp-client._tcp.example.com", "SRV", []) } },
      "T4",
      "xmpp-srv",
    ],
    ["TURN port silent", { probes: { [PROBE_KEYS.udp("e2")]: portResult("udp", false) } }, "T3", "r6-turn-ports"],
    ["tunnels down", { data: { "c expressway-c.tunnels": snap({ tunnels: [] }) } }, "T4", "v3-tunnels"],
  ])("%s → %s led by %s, with that check's own fix", (_what, bend, symptom, cause) => {
    const r = run(bend);
    const s = r.byId[symptom]!;
    expect(s.verdict).toBe("likely");
    expect(s.confidence).toBeGreaterThanOrEqual(0.7);
    expect(r.leading).toBe(symptom);
    expect(s.causes[0]!.id).toBe(cause);
    expect(s.fixFrom).toBe("cause");
    expect(s.fix).toEqual(r.checks.find((c) => c.id === cause)!.fix);
    expect(s.confirmed).toBe(false);
  });

  it("web proxy Off (C1) leads T4 and explains the missing rules, tunnels and resolved addresses, which add no confidence", () => {
    const r = run({
      data: {
        "c expressway-c.cms-settings": snap({
          webProxyEnabled: false,
          guestAccountClientUri: "webbridge.example.com",
          resolved: [],
        }),
        "c expressway-c.allowlist-auto": snap({ rules: [] }),
        "c expressway-c.tunnels": snap({ tunnels: [] }),
      },
    });
    const t4 = r.byId.T4!;
    expect(t4.causes.map((c) => c.id)).toEqual([
      "c1-web-proxy",
      "v2-allowlist-rules",
      "v3-tunnels",
      "v1-web-bridge-resolved",
    ]);
    expect(t4.causes[0]!.explains.sort()).toEqual(["v1-web-bridge-resolved", "v2-allowlist-rules", "v3-tunnels"]);
    expect(t4.causes[1]!.explainedBy).toEqual(["c1-web-proxy"]);
    expect(t4.confidence).toBe(0.85);
    expect(t4.fix).toEqual(r.checks.find((c) => c.id === "c1-web-proxy")!.fix);
    // C1 reaches T3 through the tunnels it explains.
    expect(r.byId.T3!.causes[0]!.id).toBe("c1-web-proxy");
  });

  it("TURN Inactive (R4) leads T3 and explains the silent TURN port and the failed Allocate", () => {
    const relays = (e: string) => ({
      [`${e} expressway-e.turn-relays`]: {
        at: "2026-01-01T00:00:00.000Z",
        current: 0,
        peak: 0,
        total: 0,
        serverStatus: "Inactive",
      },
    });
    const r = run({
      data: relays("e1"),
      probes: {
        [PROBE_KEYS.udp("e1")]: portResult("udp", false),
        [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401),
      },
    });
    const t3 = r.byId.T3!;
    expect(t3.causes[0]!.id).toBe("r4-turn-active");
    expect(t3.causes[0]!.explains).toEqual(["r6-turn-ports"]);
    expect(r.byId.T1!.causes[0]!.id).toBe("r4-turn-active");
    expect(r.byId.T1!.causes[0]!.explains.sort()).toEqual(["c5-turn-credentials", "r6-turn-ports"]);
    expect(t3.confidence).toBe(0.8);
  });

  it("a down Expressway-E (R2) leads T4 and explains its inactive tunnel", () => {
    const r = run({
      reading: {
        "e1 expressway-e.turn-relays": { lastOutcome: "unreachable", lastMessage: "connect ECONNREFUSED 127.0.0.1:1" },
      },
      data: {
        "c expressway-c.tunnels": snap({
          tunnels: [
            { target: "vcs-e2.example.local", domain: "webbridge.example.com", status: "Active" },
            { target: "vcs-e1.example.local", domain: "webbridge.example.com", status: "Inactive" },
          ],
        }),
      },
    });
    const t4 = r.byId.T4!;
    expect(t4.causes.map((c) => c.id)).toEqual(["r2-expressway-e-answers", "v3-tunnels"]);
    expect(t4.causes[0]!.text).toMatch(/vcs-e1\.example\.local: unreachable/);
    expect(t4.confidence).toBe(0.75);
    expect(t4.fix).toEqual(r.checks.find((c) => c.id === "r2-expressway-e-answers")!.fix);
  });

  it("a CMS log line the engineer attached confirms T1 and joins the failing check's cause", () => {
    const r = run({ probes: { [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401) } }, [file([iceFailure])]);
    const t1 = r.byId.T1!;
    expect(t1.causes).toHaveLength(1);
    expect(t1.causes[0]!).toMatchObject({
      id: "c5-turn-credentials",
      confirmed: true,
      checkIds: ["c5-turn-credentials"],
      findingIds: ["cms-log.ice-unauthorized"],
    });
    expect(t1.confirmed).toBe(true);
    expect(t1.confidence).toBeGreaterThan(0.9);
    // What it rests on: the live check with its probe time, and the file's line, verbatim.
    expect(t1.causes[0]!.basis.join("\n")).toMatch(/live check .*FAIL/);
    expect(t1.causes[0]!.basis.join("\n")).toMatch(/probe turn\S* ran at \d\d:\d\d:\d\d UTC/);
    expect(t1.causes[0]!.basis.join("\n")).toContain(
      'event.log: TURN credentials rejected (fail, high confidence) — line 3: "2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4',
    );
  });

  it("evidence alone, with every check passing, names the cause with the finding's fix", () => {
    const t1 = run({}, [file([iceFailure])]).byId.T1!;
    expect(t1.verdict).toBe("likely");
    expect(t1.causes[0]!.id).toBe("c5-turn-credentials");
    expect(t1.fix).toEqual(iceFailure.fix);
    expect(t1.causes[0]!.basis[0]).toMatch(/live check .*PASS.*your evidence sees what the check cannot/);
  });

  it("a low-confidence finding is never confirmed and never likely on its own", () => {
    const hint: Finding = {
      ...iceFailure,
      id: "har.back-to-start",
      severity: "warn",
      confidence: "low",
      scenarioIds: ["T3", "T1"],
    };
    const r = run({}, [file([hint], "x.har")]);
    expect(r.byId.T3!.verdict).toBe("not-indicated");
    expect(r.byId.T3!.confirmed).toBe(false);
    expect(r.byId.T3!.causes[0]!.confirmed).toBe(false);
  });

  it("is unknown, not 'not indicated', when a check it rests on is unknown", () => {
    expect(run({ probes: { [PROBE_KEYS.insideJoin]: null } }).byId.T2!.verdict).toBe("unknown");
  });

  it("lists a failing check that causes none of T1–T4 as such, with its reason", () => {
    const r = run({ probes: { [PROBE_KEYS.outsideJoin]: dnsResult("webbridge.example.com", "A", []) } });
    expect(r.unrelated.map((u) => u.id)).toEqual(["r8-outside-dns"]);
    expect(r.unrelated[0]!.reason).toMatch(/^None of T1–T4/);
    for (const s of r.scenarios) expect(s.verdict).toBe("not-indicated");
  });

  it("reinforces independent root causes", () => {
    const r = run({
      probes: { [PROBE_KEYS.insideXmpp]: dnsResult("_xmpp-client._tcp.example.com", "SRV", []) },
      data: { "c expressway-c.tunnels": snap({ tunnels: [] }) },
    });
    expect(r.byId.T4!.causes).toHaveLength(2);
    expect(r.byId.T4!.confidence).toBeGreaterThan(0.95);
  });

  it("a down Expressway-E explains only the tunnel to it: a tunnel to a healthy node stays a cause of its own", () => {
    const tunnels = (e1: string, e2: string) => ({
      "c expressway-c.tunnels": snap({
        tunnels: [
          { target: "vcs-e1.example.local", domain: "webbridge.example.com", status: e1 },
          { target: "vcs-e2.example.local", domain: "webbridge.example.com", status: e2 },
        ],
      }),
    });
    const e1Down = {
      "e1 expressway-e.turn-relays": {
        lastOutcome: "unreachable" as const,
        lastMessage: "connect ECONNREFUSED 127.0.0.1:1",
      },
    };
    // The down node's own tunnel: explained, adds no confidence.
    const own = run({ reading: e1Down, data: tunnels("Inactive", "Active") }).byId.T4!;
    expect(own.causes.find((c) => c.id === "v3-tunnels")!.explainedBy).toEqual(["r2-expressway-e-answers"]);
    // Only the healthy node's tunnel is down: R2 does not explain it; both are root causes and reinforce each other.
    const other = run({ reading: e1Down, data: tunnels("Active", "Inactive") }).byId.T4!;
    const v3 = other.causes.find((c) => c.id === "v3-tunnels")!;
    expect(v3.explainedBy).toEqual([]);
    expect(other.causes.find((c) => c.id === "r2-expressway-e-answers")!.explains).toEqual([]);
    expect(other.causes[0]!.id).toBe("v3-tunnels");
    expect(other.confidence).toBeGreaterThan(own.confidence);
    // Both tunnels down, one node down: the healthy node's tunnel is still unexplained.
    expect(
      run({ reading: e1Down, data: tunnels("Inactive", "Inactive") }).byId.T4!.causes.find(
        (c) => c.id === "v3-tunnels",
      )!.explainedBy,
    ).toEqual([]);
  });

  it("a down Expressway-E explains TURN Inactive, a silent TURN port and rejected credentials on itself, not on the other node", () => {
    const e1Down = { "e1 expressway-e.turn-relays": { lastOutcome: "unreachable" as const, lastMessage: "timeout" } };
    const causeOf = (id: string, bend: Bend) =>
      Object.values(run({ ...bend, reading: e1Down }).byId)
        .flatMap((s) => s!.causes)
        .find((c) => c.id === id)!;
    const inactive = (e: "e1" | "e2") => ({
      data: { [`${e} expressway-e.turn-relays`]: { at: "", current: 0, peak: 0, total: 0, serverStatus: "Inactive" } },
    });
    expect(causeOf("r4-turn-active", inactive("e1")).explainedBy).toEqual(["r2-expressway-e-answers"]);
    expect(causeOf("r4-turn-active", inactive("e2")).explainedBy).toEqual([]);
    const silent = (e: "e1" | "e2") => ({ probes: { [PROBE_KEYS.udp(e)]: portResult("udp", false) } });
    expect(causeOf("r6-turn-ports", silent("e1")).explainedBy).toEqual(["r2-expressway-e-answers"]);
    expect(causeOf("r6-turn-ports", silent("e2")).explainedBy).toEqual([]);
    const rejected = (e: "e1" | "e2") => ({ probes: { [PROBE_KEYS.turn(e)]: turnResult("unauthorized", 401) } });
    expect(causeOf("c5-turn-credentials", rejected("e1")).explainedBy).toEqual(["r2-expressway-e-answers"]);
    expect(causeOf("c5-turn-credentials", rejected("e2")).explainedBy).toEqual([]);
    // TURN Inactive on e2 explains e2's silent port, not e1's.
    const both = (port: "e1" | "e2") =>
      causeOf("r6-turn-ports", { data: inactive("e2").data, probes: silent(port).probes }).explainedBy;
    expect(both("e2")).toContain("r4-turn-active");
    expect(both("e1")).not.toContain("r4-turn-active");
  });

  it("a down Expressway-E does not explain V4 failing on the other node, and does explain it on its own", () => {
    const e1Down = { "e1 expressway-e.turn-relays": { lastOutcome: "unreachable" as const, lastMessage: "timeout" } };
    const unavailable = (t: string) => ({
      "cms cms.alarms": snap({
        alarms: [{ id: "a", type: "turnServerUnavailable", failureReason: null, parameters: { turnServer: t } }],
      }),
    });
    const v4 = (t: string) =>
      run({ reading: e1Down, data: unavailable(t) }).byId.T3!.causes.find((c) => c.id === "v4-turn-rtt")!;
    expect(v4("t1").explainedBy).toEqual(["r2-expressway-e-answers"]);
    expect(v4("t2").explainedBy).toEqual([]);
  });
});

// R3 lends each symptom what the alarms present point at (lib/domain/cms-alarms.ts), and says
// plainly which alarms cause none of T1–T4.
describe("the verdict follows the CMS alarms present", () => {
  const alarms = (...types: string[]): Bend => ({
    data: {
      "cms cms.alarms": snap({
        alarms: types.map((type, i) => ({ id: `a${i}`, type, failureReason: null, parameters: {} })),
      }),
    },
  });
  const webBridge = (status: string): Bend => ({
    data: {
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
    },
  });

  it.each<[string, string, string, Bend]>([
    ["c2wConnectionFailure", "T2", "likely", alarms("c2wConnectionFailure")],
    ["guestAccountConnectionFailure", "T2", "likely", alarms("guestAccountConnectionFailure")],
    ["a Web Bridge dnsFailure", "T2", "likely", webBridge("dnsFailure")],
    ["xmppRegistrationFailure", "T4", "possible", alarms("xmppRegistrationFailure")],
  ])("%s → %s (%s), led by R3", (_what, symptom, verdict, bend) => {
    const r = run(bend);
    expect(r.leading).toBe(symptom);
    const s = r.byId[symptom]!;
    expect(s.verdict).toBe(verdict);
    expect(s.causes[0]!.id).toBe("r3-cms-alarms");
    expect(s.fix).toEqual(r.checks.find((c) => c.id === "r3-cms-alarms")!.fix);
    expect(r.unrelated).toEqual([]);
  });

  it.each(["databaseConnectionError", "databaseClusternodeOutofSync", "callBridgeConnectionFailure"])(
    "%s alone suggests none of T1–T4 and R3 says so for that alarm",
    (type) => {
      const r = run(alarms(type));
      for (const s of r.scenarios) expect(s.verdict, s.id).toBe("not-indicated");
      expect(r.leading).toBeNull();
      expect(r.unrelated).toHaveLength(1);
      expect(r.unrelated[0]!).toMatchObject({ id: "r3-cms-alarms" });
      expect(r.unrelated[0]!.reason).toMatch(new RegExp(`^None of T1–T4: cms1\\.example\\.local: ${type} — `));
    },
  );

  it("a T2 alarm beside a database alarm: T2 names only the T2 alarm, and the database alarm is said to cause none", () => {
    const r = run(alarms("databaseConnectionError", "c2wConnectionFailure"));
    const t2 = r.byId.T2!;
    expect(t2.verdict).toBe("likely");
    expect(t2.causes[0]!.id).toBe("r3-cms-alarms");
    expect(t2.causes[0]!.text).toContain("c2wConnectionFailure");
    expect(t2.causes[0]!.text).not.toContain("databaseConnectionError");
    // The alarm's own domain ids: c2wConnectionFailure is R3 and R9 evidence.
    expect(t2.causes[0]!.domainIds).toEqual(["R3", "R9"]);
    for (const id of ["T1", "T3", "T4"] as const) expect(r.byId[id]!.verdict).toBe("not-indicated");
    expect(r.unrelated.map((u) => u.id)).toEqual(["r3-cms-alarms"]);
    expect(r.unrelated[0]!.reason).toContain("databaseConnectionError");
    expect(r.unrelated[0]!.reason).not.toContain("c2wConnectionFailure");
  });
});
