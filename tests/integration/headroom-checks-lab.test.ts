import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CheckResult } from "@/lib/domain/checks";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import type { FaultName } from "@/lib/server/lab/faults";
import { ALL_NODES, pollOk } from "../support/collected";
import { labHostPort } from "../support/checks-peers";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The certificate audit and capacity/licence checks against the lab over HTTPS: healthy → each
// passes; each lab fault drives its check to fail (or warn, where that is the verdict Cisco's
// figures give) and clearing it brings the check back to pass. The audit probes handshake the lab's
// real TLS servers; the CMS sources are polled from the lab's CMS API.

const MINE = [
  "cert-expiry",
  "cert-chain",
  "cert-client-auth",
  "cert-names",
  "cert-strength",
  "cms-licensing",
  "cms-database",
  "capacity-media-load",
  "capacity-turn-relays",
  "capacity-call-licences",
];
let f: LabFixture;

const run = async (now?: () => number) =>
  (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner: new ProbeRunner(), now }))
    .checks;
const mine = (checks: CheckResult[]) =>
  Object.fromEntries(checks.filter((c) => MINE.includes(c.id)).map((c) => [c.id, c]));
const statuses = (checks: CheckResult[]) =>
  Object.fromEntries(Object.entries(mine(checks)).map(([id, c]) => [id, c.status]));
const allPass = Object.fromEntries(MINE.map((id) => [id, "pass"]));

beforeAll(async () => {
  f = await startLabFixture();
  // The Expressway-E public 443 is the lab node's HTTPS server (what an admin sets as TLS probe target).
  for (const key of ["vcs-e1", "vcs-e2"])
    await f.t.db.node.update({ where: { id: await f.nodeId(key) }, data: { tlsProbeTarget: labHostPort(f, key) } });
  await pollOk(f, ALL_NODES);
});
afterAll(() => f?.stop());
beforeEach(async () => {
  await f.lab.clearFaults();
  await pollOk(f, ALL_NODES);
});

describe("a healthy lab", () => {
  it("passes every certificate and headroom check, each registered with its domain ids", async () => {
    const checks = await run();
    expect(statuses(checks), JSON.stringify(Object.values(mine(checks)).filter((c) => c.status !== "pass"))).toEqual(
      allPass,
    );
    const m = mine(checks);
    expect(m["cert-client-auth"]!.domainIds).toEqual(["R2"]);
    expect(m["cert-names"]!.summary).toContain("webbridge.example.com");
    // Evidence names the probe and the certificate facts read from the handshake.
    expect(m["cert-strength"]!.evidence.map((e) => e.value).join(" ")).toContain("EC 256, ecdsa-with-SHA256");
    expect(m["cms-licensing"]!.evidence.map((e) => e.label)).toEqual(["system/licensing", "clusterLicensing"]);
  });
});

const CASES: [FaultName, string | null, string, "fail" | "warn", RegExp][] = [
  [
    "cert-expiring",
    "vcs-e1",
    "cert-expiry",
    "warn",
    /vcs-e1\.example\.local .*expires in [45] days \(7-day reminder\)/,
  ],
  [
    "cert-no-client-auth",
    "vcs-c",
    "cert-client-auth",
    "fail",
    /vcs-c\.example\.local \(X15\.2\.1\) presents a certificate without clientAuth/,
  ],
  [
    "join-url-san-missing",
    "vcs-e2",
    "cert-names",
    "fail",
    /vcs-e2\.example\.local public 443 \(Join URL\) .* does not cover webbridge\.example\.com/,
  ],
  [
    "untrusted-tls",
    "vcs-e1",
    "cert-chain",
    "fail",
    /vcs-e1\.example\.local management .*issuer CN=Untrusted Rogue CA is neither sent by the server nor in the node's CA/,
  ],
  [
    "cert-weak",
    "cms1",
    "cert-strength",
    "fail",
    /cms1\.example\.local management .*RSA 1024-bit key.*signed with sha1WithRSAEncryption|cms1.*signed with ecdsa-with-SHA1/,
  ],
  ["cms-licence-grace", "cms1", "cms-licensing", "fail", /callBridge: licence expired, in its grace period/],
  ["cms-db-node-down", "cms1", "cms-database", "fail", /cms-db2\.example\.local is down/],
  ["cms-load-high", "cms1", "capacity-media-load", "fail", /media processing load 900 of 1000 \(90 %\)/],
  [
    "relays-near-capacity",
    "vcs-e2",
    "capacity-turn-relays",
    "fail",
    /vcs-e2\.example\.local: 1750 of 1800 relays in use/,
  ],
  [
    "call-licences-full",
    "vcs-c",
    "capacity-call-licences",
    "fail",
    /^vcs-c\.example\.local: 50 of 50 licensed traversal calls in use\.$/,
  ],
];

describe.each(CASES)("fault %s on %s", (fault, node, checkId, status, summary) => {
  it(`drives ${checkId} to ${status} and back to pass`, async () => {
    await f.lab.setFault(fault, node);
    // A certificate fault the poller itself refuses (untrusted, weak) fails that node's polls: not what is asserted here.
    await f.poller.pollNow(await Promise.all(ALL_NODES.map((k) => f.nodeId(k))));
    const c = mine(await run())[checkId]!;
    expect(c.status, c.summary).toBe(status);
    expect(c.summary).toMatch(summary);
    expect(c.fix.length).toBeGreaterThan(0);
    await f.lab.clearFaults();
    await pollOk(f, ALL_NODES);
    const back = mine(await run())[checkId]!;
    expect(back.status, back.summary).toBe("pass");
  });
});

describe("relay capacity per node", () => {
  it("a Large VM's 6000 set on the node keeps 1750 relays a pass; the default 1800 fails them", async () => {
    const id = await f.nodeId("vcs-e2");
    await f.lab.setFault("relays-near-capacity", "vcs-e2");
    await pollOk(f, ALL_NODES);
    expect(mine(await run())["capacity-turn-relays"]!.status).toBe("fail");
    await f.t.db.node.update({ where: { id }, data: { turnRelayCapacity: 6000 } });
    try {
      const c = mine(await run())["capacity-turn-relays"]!;
      expect(c.status, c.summary).toBe("pass");
      expect(c.evidence.map((e) => e.value)).toContain("1750 of 6000 (29 %)");
    } finally {
      await f.t.db.node.update({ where: { id }, data: { turnRelayCapacity: null } });
    }
  });
});

describe("extra certificate targets set on a node (Web Bridge, Call Bridge)", () => {
  it("are audited like the management address: a name the certificate lacks fails cert-names, one it has passes", async () => {
    const id = await f.nodeId("cms1");
    const hostPort = labHostPort(f, "cms1");
    try {
      await f.t.db.node.update({
        where: { id },
        data: { tlsAuditTargets: `Web Bridge = ${hostPort} webbridge.example.com` },
      });
      const c = mine(await run())["cert-names"]!;
      expect(c.status).toBe("fail");
      expect(c.summary).toMatch(
        new RegExp(
          `cms1\\.example\\.local Web Bridge ${hostPort.replace(/\./g, "\\.")}: certificate does not cover webbridge\\.example\\.com`,
        ),
      );
      expect(c.evidence.map((e) => e.source).join(" ")).toContain(`probe certificate ${hostPort} (Web Bridge)`);
      await f.t.db.node.update({
        where: { id },
        data: { tlsAuditTargets: `Call Bridge = ${hostPort} cms1.example.local` },
      });
      expect(mine(await run())["cert-names"]!.status).toBe("pass");
      // A setting that does not parse leaves the certificate checks unknown and says what to fix.
      await f.t.db.node.update({ where: { id }, data: { tlsAuditTargets: "webbridge:443" } });
      const bad = mine(await run())["cert-expiry"]!;
      expect(bad.status).toBe("unknown");
      expect(bad.summary).toMatch(/configure valid extra certificate targets for cms1\.example\.local/);
    } finally {
      await f.t.db.node.update({ where: { id }, data: { tlsAuditTargets: null } });
    }
  });
});

describe("expiry reminders and FN74362 fix steps", () => {
  it("a certificate five days from expiry is expired — fail — on the sixth day", async () => {
    await f.lab.setFault("cert-expiring", "cms1");
    const c = mine(await run(() => Date.now() + 6 * 86_400_000))["cert-expiry"]!;
    expect(c.status).toBe("fail");
    expect(c.summary).toMatch(/cms1\.example\.local management 127\.0\.0\.1:\d+: leaf cms1\.example\.local expired/);
  });

  it("the clientAuth failure carries Cisco's fix: clientAuth from a private CA, or X15.5's separate client certificate", async () => {
    await f.lab.setFault("cert-no-client-auth", "vcs-e2");
    const c = mine(await run())["cert-client-auth"]!;
    expect(c.status).toBe("fail");
    expect(c.fix.join(" ")).toMatch(/Client Authentication EKU/);
    expect(c.fix.join(" ")).toMatch(/X15\.5 or later/);
  });
});
