import { describe, expect, it } from "vitest";
import {
  alarmMeaning,
  alarmsForCheck,
  alarmsForScenario,
  alarmText,
  CMS_ALARM_TYPES,
  webBridgeStatusMeaning,
} from "@/lib/domain/cms-alarms";

// The alarm → domain mapping written in api-formats §0 (from Cisco's CMS API blueprint), held once
// in lib/domain for the checks, the views and the verdict engine.

describe("CMS alarm types → domain ids, check and scenarios", () => {
  it.each([
    ["turnServerUnavailable", ["V4", "R7"], "v4-turn-rtt", ["T1", "T3"]],
    ["c2wConnectionFailure", ["R3", "R9"], "r3-cms-alarms", ["T2"]],
    ["guestAccountConnectionFailure", ["R3", "R9"], "r3-cms-alarms", ["T2"]],
    ["xmppRegistrationFailure", ["R3"], "r3-cms-alarms", ["T3", "T4"]],
    ["callBridgeConnectionFailure", ["R3"], "r3-cms-alarms", []],
    ["databaseConnectionError", ["R3"], "r3-cms-alarms", []],
    ["databaseClusternodeOutofSync", ["R3"], "r3-cms-alarms", []],
  ])("%s → %j via %s, scenarios %j", (type, domainIds, checkId, scenarioIds) => {
    expect(alarmMeaning(type)).toMatchObject({ documented: true, domainIds, checkId, scenarioIds });
  });

  it("lists every type of Cisco's blueprint once", () => {
    const types = CMS_ALARM_TYPES.map((a) => a.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toHaveLength(20);
  });

  it("keeps an undocumented type verbatim and reports it under R3, marked undocumented", () => {
    expect(alarmMeaning("someFutureAlarm")).toMatchObject({
      documented: false,
      checkId: "r3-cms-alarms",
      domainIds: ["R3"],
    });
  });

  it("routes each alarm to one check and to the scenarios it points at", () => {
    const alarms = [
      { type: "turnServerUnavailable" },
      { type: "c2wConnectionFailure" },
      { type: "xmppRegistrationFailure" },
    ];
    expect(alarmsForCheck(alarms, "v4-turn-rtt").map((a) => a.type)).toEqual(["turnServerUnavailable"]);
    expect(alarmsForCheck(alarms, "r3-cms-alarms").map((a) => a.type)).toEqual([
      "c2wConnectionFailure",
      "xmppRegistrationFailure",
    ]);
    expect(alarmsForScenario(alarms, "T2").map((a) => a.type)).toEqual(["c2wConnectionFailure"]);
    expect(alarmsForScenario(alarms, "T4").map((a) => a.type)).toEqual(["xmppRegistrationFailure"]);
  });

  it("says what an alarm names, and reads snapshots stored before parameters were kept", () => {
    expect(
      alarmText({ type: "turnServerUnavailable", failureReason: "timeout", parameters: { turnServer: "g1" } }),
    ).toBe("turnServerUnavailable (turnServer g1; failureReason timeout)");
    expect(alarmText({ type: "c2wConnectionFailure" })).toBe("c2wConnectionFailure");
  });
});

describe("Web Bridge status words (CMS 2.2+)", () => {
  it.each([
    ["success", false, []],
    ["unused", false, []],
    ["connectionFailure", true, ["T2"]],
    ["dnsFailure", true, ["T2"]],
  ])("%s: bad %s, scenarios %j", (status, bad, scenarioIds) => {
    expect(webBridgeStatusMeaning(status)).toMatchObject({ bad, scenarioIds });
  });
  it("dnsFailure points at inside DNS (R9)", () =>
    expect(webBridgeStatusMeaning("dnsFailure").domainIds).toContain("R9"));
});
