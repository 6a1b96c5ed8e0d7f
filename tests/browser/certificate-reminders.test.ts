import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CertificatesResponse } from "@/lib/domain/certificates";
import type { ChecksResponse } from "@/lib/domain/checks";
import { createCa, issueServerCert } from "@/lib/server/lab/certificates";
import { screenshot } from "../support/browser";
import { labHostPort } from "../support/checks-peers";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabApp, type LabApp } from "../support/lab-app";
import { startTlsServer, type TlsServer } from "../support/tls-server";

// The Certificates view under `next start` with EDGESCOPE_CERT_REMINDER_DAYS=90,21 (not the default
// 60,30,14,7): each row's colour follows the state the server computed with those reminders — the
// cert-expiry check's rule — so a 70-day certificate is marked (90-day reminder) and an 18-day one
// is urgent (21-day), where the default reminders would have left the first plain and the second
// a first-reminder yellow. The Web Bridge and Call Bridge rows come from what the lab CMS lists,
// pointed at loopback TLS servers with certificates this test makes. Mid-incident: a 5-day
// Expressway-E certificate and one without clientAuth too.

const WB = "Web Bridge (listed by cms1.example.local)";
const CB = "Call Bridge (listed by cms1.example.local)";
let labApp: LabApp;
const servers: TlsServer[] = [];

beforeAll(async () => {
  labApp = await startLabApp({
    role: "engineer",
    env: { EDGESCOPE_PROBE_INTERVAL_MS: "0", EDGESCOPE_CERT_REMINDER_DAYS: "90,21" },
    viewport: { width: 1600, height: 1000 },
  });
  const { f } = labApp;
  for (const key of ["vcs-e1", "vcs-e2"])
    await f.t.db.node.update({ where: { id: await f.nodeId(key) }, data: { tlsProbeTarget: labHostPort(f, key) } });
  const ca = await createCa("Meeting Server Test CA");
  const cms = await f.nodeId("cms1");
  await f.t.db.node.update({ where: { id: cms }, data: { caPem: `${f.lab.caPem}\n${ca.certPem}` } });
  const wb = await startTlsServer({
    cert: await issueServerCert(ca, {
      commonName: "webbridge.example.com",
      dnsNames: ["webbridge.example.com"],
      validDays: 70,
    }),
  });
  const cb = await startTlsServer({
    cert: await issueServerCert(ca, {
      commonName: "cms1.example.local",
      dnsNames: ["cms1.example.local"],
      validDays: 18,
    }),
  });
  servers.push(wb, cb);
  f.lab.setListedAddresses({ webBridgeUrl: `c2w://${wb.target}`, callBridgeAddress: `https://${cb.target}` });
  await pollOk(f, ALL_NODES);
}, 300_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await labApp?.stop();
});

const api = async <T>(path: string, method = "GET") => {
  const res = await fetch(`${labApp.app.url}${path}`, {
    method,
    headers: { cookie: labApp.cookie, origin: labApp.app.url },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

describe("Certificates view with EDGESCOPE_CERT_REMINDER_DAYS=90,21", () => {
  it("colours each row by the configured reminders, as the cert-expiry check judges it", async () => {
    const { f, app, browser } = labApp;
    await f.lab.setFault("cert-expiring", "vcs-e2");
    await f.lab.setFault("cert-no-client-auth", "vcs-c");
    const inv = await api<CertificatesResponse>("/api/certificates", "POST");
    expect(inv.reminderDays).toEqual([90, 21]);
    const wb = inv.rows.find((r) => r.endpoint === WB && r.position === "leaf")!;
    const cb = inv.rows.find((r) => r.endpoint === CB && r.position === "leaf")!;
    expect(wb.expiry).toEqual({ status: "warn", reminder: 90, urgent: false });
    expect(cb.expiry).toEqual({ status: "warn", reminder: 21, urgent: true });
    const e1 = inv.rows.find((r) => r.nodeName === "vcs-e1.example.local" && r.endpoint === "management")!;
    expect(e1.expiry.status).toBe("pass");

    const checks = await api<ChecksResponse>(`/api/deployments/${f.deploymentId}/checks`, "POST");
    const expiry = checks.checks.find((c) => c.id === "cert-expiry")!;
    expect(expiry.status).toBe("warn");
    expect(expiry.summary).toContain(
      `${WB} ${wb.target}: leaf webbridge.example.com expires in 69 days (90-day reminder)`,
    );
    expect(expiry.summary).toMatch(
      new RegExp(`${CB.replace(/[()]/g, "\\$&")} .*expires in 17 days \\(21-day reminder\\)`),
    );

    const page = browser!.page;
    await page.goto(`${app.url}/certificates`);
    const table = page.getByTestId("certificates-table");
    await table.waitFor();
    await page.getByText("Reminders at 90, 21 days").waitFor();
    const rowOf = (endpoint: string) =>
      table.locator("tbody tr").filter({ hasText: endpoint }).filter({ hasText: "leaf" }).first();
    const cell = (endpoint: string) => rowOf(endpoint).locator("td").first().locator("span");
    expect(await rowOf(WB).getAttribute("data-reminder")).toBe("90");
    expect(await cell(WB).getAttribute("class")).toContain("bg-yellow-300");
    expect(await rowOf(CB).getAttribute("data-reminder")).toBe("21");
    expect(await cell(CB).getAttribute("class")).toContain("bg-amber-500");
    const e1Row = table.locator(`tbody tr`).filter({ hasText: e1.target }).first();
    expect(await e1Row.getAttribute("data-expiry")).toBe("pass");
    expect(await e1Row.locator("td").first().locator("span").getAttribute("class")).not.toMatch(
      /bg-(yellow|amber|red)/,
    );
    await screenshot(page, "certificates-listed-reminders");
  });
});
