import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/domain/findings";
import { PROBE_KEYS } from "@/lib/server/checks/check-context";
import { evaluateChecks } from "@/lib/server/checks";
import { detectScenarios } from "@/lib/server/scenarios";
import { ctxWith, dnsResult, portResult, turnResult, type Bend } from "../support/check-context";

// T1–T4 verdicts from check results (and attached analyzer findings): each scenario is likely
// with its cause and not indicated on a healthy deployment.
const verdicts = (bend: Bend, findings: Finding[] = []) => Object.fromEntries(detectScenarios(evaluateChecks(ctxWith(bend)), findings).map((s) => [s.id, s]));
const snap = <T>(content: T) => ({ since: "", lastSeenAt: "", content });

describe("scenario detectors", () => {
  it("indicate nothing on a healthy deployment", () => {
    for (const s of Object.values(verdicts({}))) {
      expect(s.verdict, s.id).toBe("not-indicated");
      expect(s.confidence).toBe(0);
      expect(s.fix.length).toBeGreaterThan(0);
    }
  });

  it.each<[string, Bend, string[]]>([
    ["T1 when the TURN Allocate is rejected", { probes: { [PROBE_KEYS.turn("e1")]: turnResult("unauthorized", 401) } }, ["T1"]],
    ["T2 when inside DNS gives Expressway-E", { probes: { [PROBE_KEYS.insideJoin]: dnsResult("webbridge.example.com", "A", ["203.0.113.5"]) } }, ["T2"]],
    ["T3 and T4 when the _xmpp-client SRV is missing", { probes: { [PROBE_KEYS.insideXmpp]: dnsResult("_xmpp-client._tcp.example.com", "SRV", []) } }, ["T3", "T4"]],
    ["T3 when the TURN port does not answer", { probes: { [PROBE_KEYS.udp("e2")]: portResult("udp", false) } }, ["T3"]],
    ["T3 and T4 when tunnels are down", { data: { "c expressway-c.tunnels": snap({ tunnels: [] }) } }, ["T3", "T4"]],
  ])("%s", (_what, bend, likely) => {
    const v = verdicts(bend);
    for (const id of ["T1", "T2", "T3", "T4"]) {
      if (likely.includes(id)) {
        expect(v[id]!.verdict, id).toBe("likely");
        expect(v[id]!.confidence).toBeGreaterThanOrEqual(0.7);
        expect(v[id]!.causes[0]!.checkIds.length).toBe(1);
        expect(v[id]!.causes[0]!.evidence.length).toBeGreaterThan(0);
      } else expect(v[id]!.verdict, id).not.toBe("likely");
    }
  });

  it("is unknown, not 'not indicated', when the checks it rests on are unknown", () => {
    const v = verdicts({ probes: { [PROBE_KEYS.insideJoin]: null } });
    expect(v.T2!.verdict).toBe("unknown");
  });

  it("takes analyzer findings as evidence: a CMS 'ICE failure 4' line makes T1 likely", () => {
    const finding: Finding = {
      id: "cms-log.ice-unauthorized", severity: "fail", scenarioIds: ["T1"], domainIds: ["C3", "C5"], confidence: "high",
      title: "ICE failure 4 (unauthorized)", detail: "CMS could not authenticate to TURN", evidence: [{ line: 3, text: "Warning call 7: ICE failure 4 (unauthorized - check credentials)" }], fix: [],
    };
    const v = verdicts({}, [finding]);
    expect(v.T1!.verdict).toBe("likely");
    expect(v.T1!.causes[0]!.evidence[0]!.value).toMatch(/ICE failure 4/);
    expect(v.T2!.verdict).toBe("not-indicated");
  });

  it("reinforces independent causes", () => {
    const v = verdicts({ probes: { [PROBE_KEYS.insideXmpp]: dnsResult("_xmpp-client._tcp.example.com", "SRV", []) }, data: { "c expressway-c.tunnels": snap({ tunnels: [] }) } });
    expect(v.T4!.causes).toHaveLength(2);
    expect(v.T4!.confidence).toBeGreaterThan(0.85);
  });
});
