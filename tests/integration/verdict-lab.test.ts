import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScenariosResponse } from "@/lib/domain/checks";
import type { ScenarioId } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import { getDeploymentScenarios } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import type { FaultName } from "@/lib/server/lab/faults";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The verdict engine against the lab as `npm run demo` runs it (its HTTPS nodes, its TURN servers
// and its split-DNS resolvers, the TURN credentials and resolvers seeded as the demo seeds them),
// broken one way at a time: the scenarios answer names the symptom the fault produces, its root
// cause with the domain ids, and that cause's own fix (the failing check's steps), not the
// symptom's generic path.

let f: LabFixture;
const answer = async (): Promise<ScenariosResponse> =>
  getDeploymentScenarios(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner: new ProbeRunner() });
/** What a failed assertion prints: the leading symptom's causes and the non-passing checks. */
const why = (r: ScenariosResponse) =>
  JSON.stringify({
    leading: r.leading,
    scenarios: r.scenarios.map((s) => [s.id, s.verdict, s.confidence, s.causes.map((c) => c.id)]),
    checks: r.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}:${c.status} ${c.summary}`),
  });

beforeAll(async () => {
  f = await startLabFixture();
  await seedLabTurnCredentials(f.t.db, f.box, f.lab, f.deploymentId);
  await seedLabResolvers(f.t.db, f.lab, f.deploymentId);
});
afterAll(() => f?.stop());
beforeEach(async () => {
  await f.lab.clearFaults();
  await pollOk(f, ALL_NODES);
});

describe("the healthy lab", () => {
  it("indicates none of T1–T4 and leads with nothing", async () => {
    const r = await answer();
    expect(
      r.scenarios.map((s) => s.verdict),
      why(r),
    ).toEqual(["not-indicated", "not-indicated", "not-indicated", "not-indicated"]);
    expect(r.leading).toBeNull();
    expect(r.unrelated).toEqual([]);
  });
});

// fault, node, symptom it produces, root cause, its domain ids, causes it must explain
const FAULTS: [FaultName, string | null, ScenarioId, string, string[], string[]][] = [
  ["tunnel-inactive", "vcs-e1", "T4", "v3-tunnels", ["V3", "R2"], []],
  [
    "web-proxy-disabled",
    null,
    "T4",
    "c1-web-proxy",
    ["C1"],
    ["v1-web-bridge-resolved", "v2-allowlist-rules", "v3-tunnels"],
  ],
  ["turn-inactive", "vcs-e1", "T3", "r4-turn-active", ["R4", "C3"], ["r6-turn-ports", "v4-turn-rtt"]],
  ["turn-down", "vcs-e1", "T3", "r6-turn-ports", ["R6", "R11"], []],
  ["wss-rule-missing", null, "T4", "v2-allowlist-rules", ["V2"], []],
  ["turn-wrong-credentials", "vcs-e2", "T1", "c5-turn-credentials", ["C5", "C3", "T1"], []],
  ["dns-inside-to-expressway", null, "T2", "r9-inside-dns", ["R9", "T2"], []],
  ["dns-xmpp-srv-missing", null, "T4", "xmpp-srv", ["T3", "T4", "R3"], []],
  // The alarm present decides: c2wConnectionFailure is T2 evidence (R3, and R9 per Cisco's meaning).
  ["c2w-failure", null, "T2", "r3-cms-alarms", ["R3", "R9"], []],
  ["cms-alarms", null, "T2", "r3-cms-alarms", ["R3", "R9"], []],
];

describe("a down Expressway-E", () => {
  it("refused on vcs-e1 with its tunnels Inactive → T4 led by R2 (the node does not answer), which explains the tunnel", async () => {
    await f.lab.setFault("tunnel-inactive", "vcs-e1");
    await f.lab.setFault("refused", "vcs-e1");
    await f.poller.pollNow(await Promise.all(ALL_NODES.map((k) => f.nodeId(k))));
    const r = await answer();
    expect(r.leading, why(r)).toBe("T4");
    const t4 = r.scenarios.find((s) => s.id === "T4")!;
    expect(t4.causes.map((c) => c.id).slice(0, 2), why(r)).toEqual(["r2-expressway-e-answers", "v3-tunnels"]);
    expect(t4.causes[0]!.text).toMatch(/^vcs-e1\.example\.local: unreachable/);
    expect(t4.causes[0]!.explains).toContain("v3-tunnels");
    expect(t4.causes[1]!.explainedBy).toEqual(["r2-expressway-e-answers"]);
    expect(t4.fix).toEqual(r.checks.find((c) => c.id === "r2-expressway-e-answers")!.fix);
  });
});

describe("CMS alarms: the verdict follows the alarms the lab raises", () => {
  it("c2w-failure: T2 led by R3 naming c2wConnectionFailure, nothing listed as unrelated", async () => {
    await f.lab.setFault("c2w-failure", null);
    await pollOk(f, ALL_NODES);
    const r = await answer();
    expect(r.leading, why(r)).toBe("T2");
    const t2 = r.scenarios.find((s) => s.id === "T2")!;
    expect(t2.causes[0]!.text).toMatch(/c2wConnectionFailure/);
    for (const s of r.scenarios.filter((x) => x.id !== "T2")) expect(s.verdict, why(r)).toBe("not-indicated");
    expect(r.unrelated).toEqual([]);
  });

  it("cms-alarms: T2 rests on the C2W alarm and the Web Bridge status; the peer Call Bridge alarm is said to cause none of T1–T4", async () => {
    await f.lab.setFault("cms-alarms", null);
    await pollOk(f, ALL_NODES);
    const r = await answer();
    const t2 = r.scenarios.find((s) => s.id === "T2")!;
    expect(t2.causes[0]!.text, why(r)).toMatch(
      /c2wConnectionFailure.*Web Bridge c2w:\/\/127\.0\.0\.1:\d+ connectionFailure/,
    );
    expect(t2.causes[0]!.text).not.toMatch(/callBridgeConnectionFailure/);
    for (const s of r.scenarios.filter((x) => x.id !== "T2")) expect(s.verdict, why(r)).toBe("not-indicated");
    expect(r.unrelated.map((u) => u.id)).toEqual(["r3-cms-alarms"]);
    expect(r.unrelated[0]!.reason).toMatch(
      /^None of T1–T4: cms1\S*: callBridgeConnectionFailure \(callBridge [0-9a-f-]+\) — a clustered peer Call Bridge is unreachable/,
    );
    expect(r.unrelated[0]!.reason).not.toMatch(/c2wConnectionFailure/);
  });
});

describe("each lab fault: the scenarios answer's top cause, its domain ids and its own fix", () => {
  it.each(FAULTS)("%s (%s) → %s, led by %s", async (fault, node, symptom, cause, domainIds, explains) => {
    await f.lab.setFault(fault, node);
    await pollOk(f, ALL_NODES);
    const r = await answer();
    expect(r.leading, why(r)).toBe(symptom);
    const s = r.scenarios.find((x) => x.id === symptom)!;
    expect(s.verdict, why(r)).toBe("likely");
    const top = s.causes[0]!;
    expect(top.id, why(r)).toBe(cause);
    expect(top.domainIds).toEqual(domainIds);
    expect(top.explainedBy).toEqual([]);
    expect(top.explains.sort()).toEqual(explains);
    // The fix is the cause's own: the failing check's numbered steps, not the symptom's generic path.
    const check = r.checks.find((c) => c.id === cause)!;
    expect(check.status).toBe("fail");
    expect(top.fix).toEqual(check.fix);
    expect(s.fix).toEqual(check.fix);
    expect(s.fixFrom).toBe("cause");
    expect(s.fix).not.toEqual(SCENARIOS[symptom].fix);
    // Nothing the engineer supplied: never "confirmed".
    expect(s.confirmed).toBe(false);
    expect(top.basis[0]).toMatch(/^live check .*FAIL/);
    // Every failing check is a cause of some symptom, or listed as causing none of T1–T4.
    const placed = new Set([...r.scenarios.flatMap((x) => x.causes.map((c) => c.id)), ...r.unrelated.map((u) => u.id)]);
    for (const c of r.checks.filter((x) => x.status === "fail")) expect(placed, c.id).toContain(c.id);
  });
});
