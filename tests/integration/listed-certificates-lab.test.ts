import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CheckResult } from "@/lib/domain/checks";
import { getCertificateInventory } from "@/lib/server/certificates/certificate-inventory";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { createCa, issueServerCert } from "@/lib/server/lab/certificates";
import { ProbeRunner } from "@/lib/server/probes/probe-runner";
import { labHostPort } from "../support/checks-peers";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";
import { startTlsServer, type TlsServer } from "../support/tls-server";

// The Web Bridge and Call Bridge addresses CMS itself lists (webBridges url, callBridges address)
// are audited without an admin adding them: the lab CMS lists addresses of real TLS servers on
// loopback presenting certificates this test makes, the poller reads them from the CMS API, and
// the certificate checks and the inventory handshake them — an expiring Web Bridge certificate
// warns, and passes once CMS lists a renewed one.

const CERT_CHECKS = ["cert-expiry", "cert-chain", "cert-names", "cert-strength"];
const WB = "Web Bridge (listed by cms1.example.local)";
const CB = "Call Bridge (listed by cms1.example.local)";

let f: LabFixture;
let cmsId: string;
const servers: Record<string, TlsServer> = {};
const runner = new ProbeRunner();

const checks = async () =>
  Object.fromEntries(
    (await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, { probes: "force", runner })).checks
      .filter((c) => CERT_CHECKS.includes(c.id))
      .map((c) => [c.id, c]),
  ) as Record<string, CheckResult>;
const inventory = () => getCertificateInventory(f.t.db, runner, "force", f.env.EDGESCOPE_CERT_REMINDER_DAYS);
const list = async (webBridgeUrl: string, callBridgeAddress: string) => {
  f.lab.setListedAddresses({ webBridgeUrl, callBridgeAddress });
  await pollOk(f, ["cms1"]);
};
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

beforeAll(async () => {
  f = await startLabFixture();
  for (const key of ["vcs-e1", "vcs-e2"])
    await f.t.db.node.update({ where: { id: await f.nodeId(key) }, data: { tlsProbeTarget: labHostPort(f, key) } });
  const ca = await createCa("Listed Bridges Test CA");
  // The CMS node's CA setting holds the lab CA and this test's CA, as a bundle of two PEMs.
  cmsId = await f.nodeId("cms1");
  await f.t.db.node.update({ where: { id: cmsId }, data: { caPem: `${f.lab.caPem}\n${ca.certPem}` } });
  const wb = { commonName: "webbridge.example.com", dnsNames: ["webbridge.example.com"] };
  // The Call Bridge certificate names no IP: listed as an IP, it must not fail for a missing name.
  const cb = { commonName: "cms1.example.local", dnsNames: ["cms1.example.local"] };
  servers.wbExpiring = await startTlsServer({ cert: await issueServerCert(ca, { ...wb, validDays: 5 }) });
  servers.wbRenewed = await startTlsServer({ cert: await issueServerCert(ca, { ...wb, validDays: 300 }) });
  servers.cb = await startTlsServer({ cert: await issueServerCert(ca, { ...cb, validDays: 300 }) });
  await pollOk(f, ALL_NODES);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await f?.stop();
});
beforeEach(async () => {
  f.lab.setListedAddresses(null);
  await f.t.db.node.update({ where: { id: cmsId }, data: { tlsAuditTargets: null } });
});

describe("Web Bridge and Call Bridge addresses listed by CMS", () => {
  it("are audited on their own: an expiring Web Bridge certificate warns, and passes once CMS lists the renewed one", async () => {
    const cb = servers.cb!.target;
    await list(`wss://127.0.0.1:${servers.wbExpiring!.port}/c2w?x=1`, `https://${cb}`);
    const c = await checks();
    expect(c["cert-expiry"]!.status, c["cert-expiry"]!.summary).toBe("warn");
    expect(c["cert-expiry"]!.summary).toMatch(
      new RegExp(
        `cms1\\.example\\.local ${esc(WB)} ${esc(servers.wbExpiring!.target)}: leaf webbridge\\.example\\.com expires in [45] days \\(7-day reminder\\)`,
      ),
    );
    // The chain is judged by the CMS node's CA; the IP-listed Call Bridge is not asked for a name.
    for (const id of ["cert-chain", "cert-names", "cert-strength"]) expect(c[id]!.status, c[id]!.summary).toBe("pass");
    expect(c["cert-expiry"]!.evidence.map((e) => e.source)).toEqual(
      expect.arrayContaining([
        `probe certificate ${servers.wbExpiring!.target} (${WB})`,
        `probe certificate ${cb} (${CB})`,
      ]),
    );

    const inv = await inventory();
    const wbRow = inv.rows.find((r) => r.endpoint === WB)!;
    expect(wbRow).toMatchObject({
      nodeName: "cms1.example.local",
      target: servers.wbExpiring!.target,
      position: "leaf",
      subject: "CN=webbridge.example.com",
      expiry: { status: "warn", reminder: 7, urgent: true },
    });
    expect(wbRow.problems).toContain("within the 7-day reminder");
    expect(inv.rows.find((r) => r.endpoint === CB)).toMatchObject({
      target: cb,
      expiry: { status: "pass" },
      problems: [],
    });
    // Soonest expiry first: the listed Web Bridge leads the inventory.
    expect(inv.rows[0]!.endpoint).toBe(WB);

    await list(`c2w://127.0.0.1:${servers.wbRenewed!.port}`, `https://${cb}`);
    const back = await checks();
    for (const id of CERT_CHECKS) expect(back[id]!.status, back[id]!.summary).toBe("pass");
    const after = await inventory();
    expect(after.rows.filter((r) => r.endpoint === WB && r.position === "leaf").map((r) => r.target)).toEqual([
      servers.wbRenewed!.target,
    ]);
  });

  it("audits a listed name with that name as SNI and asks the certificate to cover it", async () => {
    // localhost resolves on this machine; the Web Bridge certificate names webbridge.example.com only.
    await list(`https://localhost:${servers.wbRenewed!.port}/`, `https://${servers.cb!.target}`);
    const c = await checks();
    expect(c["cert-names"]!.status).toBe("fail");
    expect(c["cert-names"]!.summary).toMatch(
      new RegExp(`${esc(WB)} localhost:${servers.wbRenewed!.port}: certificate does not cover localhost`),
    );
    expect(servers.wbRenewed!.servernames).toContain("localhost");
  });

  it("audits a host:port once: the CMS's own address and an admin's target take precedence", async () => {
    const cms = labHostPort(f, "cms1");
    await f.t.db.node.update({
      where: { id: cmsId },
      data: { tlsAuditTargets: `Call Bridge = ${servers.cb!.target}` },
    });
    await list(`c2w://${cms}`, `https://${servers.cb!.target}/`);
    const inv = await inventory();
    expect(inv.rows.filter((r) => r.target === cms && r.position === "leaf").map((r) => r.endpoint)).toEqual([
      "management",
    ]);
    expect(
      inv.rows.filter((r) => r.target === servers.cb!.target && r.position === "leaf").map((r) => r.endpoint),
    ).toEqual(["Call Bridge"]);
    expect(inv.rows.some((r) => r.endpoint.includes("listed by"))).toBe(false);
  });

  it("ignores empty and unparsable listed addresses, and an unreachable one is listed as not audited without failing", async () => {
    await list("c2w://", "not a host:port:at all");
    const c = await checks();
    for (const id of CERT_CHECKS) expect(c[id]!.status, c[id]!.summary).toBe("pass");
    expect((await inventory()).rows.some((r) => r.endpoint.includes("listed by"))).toBe(false);

    // A port nothing listens on (Edgescope may not reach what the Call Bridge reaches).
    const gone = await startTlsServer({ cert: await issueServerCert(await createCa(), { commonName: "x" }) });
    await gone.stop();
    await list(`c2w://${gone.target}`, `https://${servers.cb!.target}`);
    const d = await checks();
    expect(d["cert-chain"]!.status, d["cert-chain"]!.summary).toBe("pass");
    expect(d["cert-chain"]!.evidence.map((e) => e.value).join(" ")).toMatch(
      /not audited from here: TLS to 127\.0\.0\.1/,
    );
    const inv = await inventory();
    expect(inv.unreachable).toEqual([
      expect.objectContaining({
        nodeName: "cms1.example.local",
        endpoint: WB,
        detail: expect.stringMatching(/refused|ECONNREFUSED/),
      }),
    ]);
  });
});
