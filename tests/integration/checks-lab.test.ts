import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CheckResult, ScenarioResult } from "@/lib/domain/checks";
import { getDeploymentChecks, getDeploymentScenarios } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import type { FaultName } from "@/lib/server/lab/faults";
import { ALL_NODES, pollOk } from "../support/collected";
import { configureChecks, startCheckPeers, type CheckPeers } from "../support/checks-peers";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The checks and T1–T4 detectors against the lab over HTTPS, a real coturn (long-term
// credentials, realm TANDBERG) and real dnsmasq resolvers: healthy → every check passes; each
// configuration fault drives its check to fail and back to pass; each scenario is detected with
// its fault and not on the healthy lab.

let f: LabFixture;
let peers: CheckPeers;

const run = (probes: "force" | "cached" = "force", runner = new ProbeRunner(), now?: () => number) =>
  getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes, runner, now });
const scenarios = async () =>
  Object.fromEntries(
    (
      await getDeploymentScenarios(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner: new ProbeRunner() })
    ).scenarios.map((s) => [s.id, s]),
  ) as Record<string, ScenarioResult>;
const failing = (checks: CheckResult[]) =>
  checks
    .filter((c) => c.status !== "pass")
    .map((c) => `${c.id}:${c.status}`)
    .sort();
/** What a failed assertion prints: each non-passing check's summary and evidence, so a rare failure can be read from the log. */
const why = (checks: CheckResult[]) =>
  JSON.stringify(
    checks.filter((c) => c.status !== "pass").map((c) => ({ id: c.id, summary: c.summary, evidence: c.evidence })),
  );
const setPassword = async (key: string, password: string) =>
  setTurnCredential(f.t.db, f.box, f.deploymentId, await f.nodeId(key), { username: "cmsturn", password });
const setInside = (resolver: string) =>
  f.t.db.deployment.update({ where: { id: f.deploymentId }, data: { insideResolver: resolver } });

beforeAll(async () => {
  [f, peers] = await Promise.all([startLabFixture(), startCheckPeers()]);
  await configureChecks(f, peers);
  for (const key of ["vcs-e1", "vcs-e2"]) await setPassword(key, peers.coturn.password);
  await pollOk(f, ALL_NODES);
});
afterAll(async () => {
  await f?.stop();
  await peers?.stop();
});
beforeEach(async () => {
  await f.lab.clearFaults();
  await setInside(peers.inside.resolver);
  for (const key of ["vcs-e1", "vcs-e2"]) await setPassword(key, peers.coturn.password);
  await pollOk(f, ALL_NODES);
});

describe("a healthy lab", () => {
  it("passes every check, with probes against coturn, dnsmasq and the lab's TLS", async () => {
    const r = await run();
    expect(failing(r.checks)).toEqual([]);
    expect(r.checks.length).toBeGreaterThanOrEqual(18);
    expect(r.manual.flatMap((m) => m.domainIds)).toEqual(expect.arrayContaining(["R2", "R10", "R13"]));
    const creds = r.checks.find((c) => c.id === "c5-turn-credentials")!;
    expect(creds.evidence.map((e) => e.source).join(" ")).toContain(`probe turn udp ${peers.coturn.server}`);
  });

  it("indicates none of T1–T4", async () => {
    for (const s of Object.values(await scenarios()))
      expect(s.verdict, `${s.id} ${JSON.stringify(s.causes)}`).toBe("not-indicated");
  });
});

const FAULT_CASES: [FaultName, string | null, string[]][] = [
  ["tunnel-inactive", "vcs-e2", ["v3-tunnels:fail"]],
  ["wss-rule-missing", null, ["v2-allowlist-rules:fail"]],
  [
    "web-proxy-disabled",
    "vcs-c",
    ["c1-web-proxy:fail", "v1-web-bridge-resolved:fail", "v2-allowlist-rules:fail", "v3-tunnels:fail"],
  ],
  ["wrong-guest-uri", null, ["c1-web-proxy:fail", "v1-web-bridge-resolved:fail", "v3-tunnels:fail"]],
  ["turn-inactive", "vcs-e1", ["r4-turn-active:fail", "v4-turn-rtt:fail"]],
  ["turnserver-public-server-address", "vcs-e1", ["c5-turn-servers:fail", "v4-turn-rtt:fail"]],
  ["turnserver-type-standard", "vcs-e2", ["c5-turn-servers:fail"]],
  ["turnserver-missing", "vcs-e2", ["c5-turn-servers:fail"]],
  ["version-mismatch", null, ["r1-versions:fail"]],
  ["cms-alarms", null, ["r3-cms-alarms:fail"]],
  ["c2w-failure", null, ["r3-cms-alarms:fail"]],
  // The certificate audit's name check sees the same missing SAN (C2).
  ["join-url-san-missing", "vcs-e1", ["c2-certificate:fail", "cert-names:fail"]],
  ["expressway-alarms", null, []],
  // C1 still passes, inferred from V2/V3 (asserted below): a refused settings location is no fault of the deployment.
  ["cms-settings-unavailable", "vcs-c", []],
];

describe("configuration faults drive their check to fail and back to pass", () => {
  it.each(FAULT_CASES)("%s (%s)", async (fault, node, expected) => {
    await f.lab.setFault(fault, node);
    await pollOk(f, ALL_NODES);
    const faulted = (await run()).checks;
    expect(failing(faulted), why(faulted)).toEqual(expected);
    await f.lab.clearFaults();
    await pollOk(f, ALL_NODES);
    const cleared = (await run()).checks;
    expect(failing(cleared), why(cleared)).toEqual([]);
  });
});

describe("a box without the Meeting Server settings location", () => {
  it("C1 passes inferred from V2/V3, never as the direct reading; V1 keeps the resolved table", async () => {
    await f.lab.setFault("cms-settings-unavailable", "vcs-c");
    await pollOk(f, ALL_NODES);
    const checks = (await run()).checks;
    const c1 = checks.find((c) => c.id === "c1-web-proxy")!;
    expect(c1).toMatchObject({ status: "pass", inferred: { from: ["V2", "V3"] } });
    expect(c1.summary).toMatch(/inferred from V2\/V3/);
    expect(checks.find((c) => c.id === "v1-web-bridge-resolved")!.status).toBe("pass");
    await f.lab.setFault("web-proxy-disabled", "vcs-c");
    await pollOk(f, ALL_NODES);
    const off = (await run()).checks.find((c) => c.id === "c1-web-proxy")!;
    expect(off).toMatchObject({ status: "fail", inferred: { from: ["V2", "V3"] } });
  });
});

describe("scenarios with their fault injected", () => {
  it("T1: the TURN password stored in Edgescope differs from coturn's → Allocate rejected", async () => {
    await setPassword("vcs-e2", "not-the-coturn-password");
    const s = await scenarios();
    expect(s.T1!.verdict).toBe("likely");
    expect(s.T1!.causes[0]!.evidence.map((e) => e.value).join(" ")).toMatch(/unauthorized 401/);
    expect(s.T2!.verdict).toBe("not-indicated");
  });

  it("T2: the inside resolver answers Expressway-E's public address for the Join URL", async () => {
    await setInside(peers.insideToE.resolver);
    const s = await scenarios();
    expect(s.T2!.verdict).toBe("likely");
    expect(s.T2!.causes[0]!.checkIds).toEqual(["r9-inside-dns"]);
    expect(s.T1!.verdict).toBe("not-indicated");
  });

  it("T3/T4: the inside resolver has no _xmpp-client SRV record", async () => {
    await setInside(peers.insideNoSrv.resolver);
    const s = await scenarios();
    expect(s.T4!.verdict).toBe("likely");
    expect(s.T3!.verdict).toBe("likely");
    expect(s.T4!.causes[0]!.checkIds).toEqual(["xmpp-srv"]);
  });

  it("T4 (T3 possible): tunnels down", async () => {
    // Without the Join URL tunnels the web app cannot reach the Web Bridge at all: joining fails at
    // once (T4). "Loading media" (T3) needs the join to work first, so tunnels only make it possible.
    await f.lab.setFault("tunnel-inactive", null);
    await pollOk(f, ALL_NODES);
    const s = await scenarios();
    expect(s.T4!.verdict).toBe("likely");
    expect(s.T3!.verdict).toBe("possible");
    expect(s.T4!.causes[0]!.checkIds).toEqual(["v3-tunnels"]);
  });
});

describe("probe results and freshness", () => {
  it("reuses cached probe results with their age, and a fresh runner knows none (unknown, not pass)", async () => {
    const runner = new ProbeRunner();
    await run("force", runner);
    const cached = await run("cached", runner);
    expect(failing(cached.checks)).toEqual([]);
    const dnsEvidence = cached.checks.find((c) => c.id === "r9-inside-dns")!.evidence[0]!;
    expect(dnsEvidence.ageMs).toBeGreaterThanOrEqual(0);
    const none = await run("cached", new ProbeRunner());
    const unknown = none.checks
      .filter((c) => c.status === "unknown")
      .map((c) => c.id)
      .sort();
    const certAudit = ["cert-chain", "cert-client-auth", "cert-expiry", "cert-names", "cert-strength"];
    expect(unknown).toEqual([
      "c2-certificate",
      "c5-turn-credentials",
      ...certAudit,
      "r6-turn-ports",
      "r8-outside-dns",
      "r9-inside-dns",
      "xmpp-srv",
    ]);
    expect(none.checks.find((c) => c.id === "r8-outside-dns")!.summary).toMatch(/not probed yet/);
  });

  it("an hour without polls makes every data-backed check unknown, never pass", async () => {
    const runner = new ProbeRunner();
    const later = () => Date.now() + 3_600_000;
    const r = await run("force", runner, later);
    const passing = r.checks
      .filter((c) => c.status === "pass")
      .map((c) => c.id)
      .sort();
    // Only checks that rest on settings and fresh probes alone may pass.
    // The certificate audit rests on its handshakes (cert-client-auth reads the version only for a certificate without clientAuth).
    expect(passing).toEqual([
      "c2-certificate",
      "c4-admin-port",
      "cert-chain",
      "cert-client-auth",
      "cert-expiry",
      "cert-names",
      "cert-strength",
      "r12-jabber-guest",
      "r8-outside-dns",
      "r9-inside-dns",
      "xmpp-srv",
    ]);
    expect(r.checks.find((c) => c.id === "v3-tunnels")!.status).toBe("unknown");
  });

  it("says what to configure when a resolver is not set", async () => {
    await f.t.db.deployment.update({ where: { id: f.deploymentId }, data: { outsideResolver: null } });
    try {
      const r8 = (await run()).checks.find((c) => c.id === "r8-outside-dns")!;
      expect(r8.status).toBe("unknown");
      expect(r8.fix.join(" ")).toMatch(/Settings.*outside resolver/);
    } finally {
      await f.t.db.deployment.update({
        where: { id: f.deploymentId },
        data: { outsideResolver: peers.outside.resolver },
      });
    }
  });
});
