import { describe, expect, it } from "vitest";
import { CHECK_CAUSES, FINDING_CAUSES, LIKELY_AT } from "@/lib/domain/causes";
import type { FailingItem } from "@/lib/domain/failing-items";
import { alarmItem, CMS_ALARM_TYPES, WEB_BRIDGE_STATUSES, webBridgeStatusMeaning } from "@/lib/domain/cms-alarms";
import { CHECKS } from "@/lib/server/checks";
import { checkWeights } from "@/lib/server/scenarios/causes";

// The cause table covers every check: a failing check names the symptoms it causes, or says
// plainly that it causes none of T1–T4; the table names no check that does not exist.
describe("the cause table", () => {
  const ids = CHECKS.map((c) => c.id);

  it("maps every check id, and only check ids", () => {
    expect(Object.keys(CHECK_CAUSES).sort()).toEqual([...ids].sort());
  });

  it.each(Object.entries(CHECK_CAUSES))("%s causes a symptom or says it causes none", (_id, rule) => {
    const causes = [...Object.values(rule.fail), ...Object.values(rule.perItem ?? {})].some((w) => (w ?? 0) > 0);
    expect(causes || /^None of T1–T4/.test(rule.none ?? "")).toBe(true);
    expect(causes && rule.none).toBeFalsy();
    for (const w of [
      ...Object.values(rule.fail),
      ...Object.values(rule.warn ?? {}),
      ...Object.values(rule.perItem ?? {}),
    ])
      expect(w).toBeGreaterThan(0), expect(w).toBeLessThanOrEqual(1);
  });

  it("explains and joins only known checks; nothing explains itself", () => {
    for (const [id, rule] of Object.entries(CHECK_CAUSES))
      for (const e of rule.explains ?? []) expect(ids, id).toContain(e), expect(e).not.toBe(id);
    for (const targets of Object.values(FINDING_CAUSES)) for (const t of targets) expect(ids).toContain(t);
  });

  it("lets no single warning make a symptom likely", () => {
    for (const rule of Object.values(CHECK_CAUSES))
      for (const w of Object.values(rule.warn ?? {})) expect(w).toBeLessThan(LIKELY_AT);
  });

  it("gives every symptom a documented alarm or Web Bridge status names a weight in the rule of the check that reports it", () => {
    const named = [
      ...CMS_ALARM_TYPES.map((a) => [a.checkId, a.scenarioIds] as const),
      ...WEB_BRIDGE_STATUSES.map((st) => ["r3-cms-alarms", webBridgeStatusMeaning(st).scenarioIds] as const),
    ];
    for (const [check, symptoms] of named) {
      const rule = CHECK_CAUSES[check]!;
      for (const s of symptoms) expect((rule.perItem ?? rule.fail)[s], `${check} ${s}`).toBeGreaterThan(0);
    }
  });
});

// What a failing check lends each symptom follows the items it names (R3's alarms, mapped once in
// lib/domain/cms-alarms.ts), not a generic weight for the check.
describe("a check's weights from the items it names", () => {
  const cms = { id: "cms", name: "cms1" };
  const alarms = (...types: string[]): FailingItem[] => types.map((type) => alarmItem({ type }, cms));
  const wb = (status: string): FailingItem => {
    const m = webBridgeStatusMeaning(status);
    return {
      node: "cms1",
      about: `cms1: Web Bridge ${status}`,
      scenarioIds: m.scenarioIds,
      domainIds: m.domainIds,
      meaning: m.meaning,
    };
  };
  const symptoms = (signals: FailingItem[], check = "r3-cms-alarms") =>
    Object.keys(checkWeights(CHECK_CAUSES[check], { status: "fail", items: signals })).sort();

  it.each<[string, string[], FailingItem[]]>([
    ["c2wConnectionFailure", ["T2"], alarms("c2wConnectionFailure")],
    ["guestAccountConnectionFailure", ["T2"], alarms("guestAccountConnectionFailure")],
    ["xmppRegistrationFailure", ["T3", "T4"], alarms("xmppRegistrationFailure")],
    ["databaseConnectionError", [], alarms("databaseConnectionError")],
    ["callBridgeConnectionFailure", [], alarms("callBridgeConnectionFailure")],
    ["an undocumented alarm", [], alarms("somethingNewInCms4")],
    ["database and c2w together", ["T2"], alarms("databaseClusternodeOutofSync", "c2wConnectionFailure")],
    ["Web Bridge dnsFailure", ["T2"], [wb("dnsFailure")]],
  ])("R3 failing on %s lends %j", (_what, expected, signals) => {
    expect(symptoms(signals)).toEqual(expected);
  });

  it("weighs a T2 alarm as the T2 cause it is (likely on its own), a database alarm as nothing", () => {
    const w = checkWeights(CHECK_CAUSES["r3-cms-alarms"], { status: "fail", items: alarms("c2wConnectionFailure") });
    expect(w.T2).toBeGreaterThanOrEqual(LIKELY_AT);
    expect(
      checkWeights(CHECK_CAUSES["r3-cms-alarms"], { status: "fail", items: alarms("databaseConnectionError") }),
    ).toEqual({});
  });

  it("keeps the table's weights for items that name no symptom of their own, and for a check that names no items", () => {
    const v3 = CHECK_CAUSES["v3-tunnels"]!;
    expect(
      checkWeights(v3, { status: "fail", items: [{ node: "vcs-e1", about: "vcs-e1: Inactive", nodeId: "e1" }] }),
    ).toEqual(v3.fail);
    expect(checkWeights(v3, { status: "fail" })).toEqual(v3.fail);
    expect(checkWeights(v3, { status: "pass" })).toEqual({});
    // V4's turnServerUnavailable names T1/T3, weighed as V4's own failure is.
    expect(symptoms(alarms("turnServerUnavailable"), "v4-turn-rtt")).toEqual(
      Object.keys(CHECK_CAUSES["v4-turn-rtt"]!.fail).sort(),
    );
  });
});
