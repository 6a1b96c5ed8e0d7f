import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CertificatesResponse } from "@/lib/domain/certificates";
import type { ForecastResponse } from "@/lib/domain/forecast";
import { screenshot } from "../support/browser";
import { labHostPort } from "../support/checks-peers";
import { ALL_NODES, pollOk } from "../support/collected";
import { loginCookie } from "../support/auth";
import { startLabApp, type LabApp } from "../support/lab-app";

// The Certificates view and the History capacity forecast under `next start` against the lab:
// a certificate expiring in 5 days and one without clientAuth are listed first with their
// problems; 30 days of seeded hourly relay and load peaks give a trend and a days-until-limit.

const DAY = 86_400_000;
const HOUR = 3_600_000;
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({
    role: "engineer",
    env: { EDGESCOPE_PROBE_INTERVAL_MS: "0" },
    viewport: { width: 1600, height: 1000 },
  });
  const { f } = labApp;
  for (const key of ["vcs-e1", "vcs-e2"])
    await f.t.db.node.update({ where: { id: await f.nodeId(key) }, data: { tlsProbeTarget: labHostPort(f, key) } });
  await pollOk(f, ALL_NODES);
}, 300_000);
afterAll(() => labApp?.stop());

const api = async <T>(path: string, method = "GET") => {
  const res = await fetch(`${labApp.app.url}${path}`, {
    method,
    headers: { cookie: labApp.cookie, origin: labApp.app.url },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

describe("Certificates view", () => {
  it("lists every certificate soonest first, with the 5-day expiry and the missing clientAuth named; CSV offered", async () => {
    const { f, app, browser } = labApp;
    await f.lab.setFault("cert-expiring", "vcs-e2");
    await f.lab.setFault("cert-no-client-auth", "vcs-c");
    const inv = await api<CertificatesResponse>("/api/certificates", "POST");
    // 4 management addresses + 2 public 443, each a leaf (the lab CA is the trust store's root).
    expect(inv.rows.filter((r) => r.position === "leaf")).toHaveLength(6);
    // The lab CA, found at the end of all six chains, is listed once.
    expect(inv.rows.filter((r) => r.position !== "leaf").map((r) => r.subject)).toEqual(["CN=Edgescope Lab CA"]);
    expect(inv.rows[0]).toMatchObject({ nodeName: "vcs-e2.example.local", daysLeft: expect.any(Number) });
    expect(inv.rows[0]!.daysLeft).toBeLessThanOrEqual(5);
    expect(inv.rows.find((r) => r.nodeName === "vcs-c.example.local")!.problems).toContain(
      "no clientAuth EKU (FN74362)",
    );
    const days = inv.rows.map((r) => r.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));

    const page = browser!.page;
    await page.goto(`${app.url}/certificates`);
    const table = page.getByTestId("certificates-table");
    await table.waitFor();
    expect(await table.locator("tbody tr").first().getAttribute("data-days")).toBe(String(inv.rows[0]!.daysLeft));
    expect(await table.innerText()).toContain("no clientAuth EKU (FN74362)");
    expect(await page.getByRole("button", { name: "Download CSV" }).isEnabled()).toBe(true);
    await screenshot(page, "certificates-view");
  });
});

describe("History capacity forecast", () => {
  it("shows daily peaks with the fitted line, days until the limit and the busy hour from 30 days of hourly peaks", async () => {
    const { f, app, browser } = labApp;
    const now = Date.now();
    const start = now - (now % DAY) - 29 * DAY;
    const rows = [];
    for (const [key, series, base, perDay] of [
      ["vcs-e1", "relay", 600, 30],
      ["vcs-e2", "relay", 300, 5],
      ["cms1", "load", 200, 12],
    ] as const) {
      const nodeId = await f.nodeId(key);
      // 29 whole days, and today up to the hour before this one (the poller writes the current hour).
      for (let d = 0; d < 30; d++) {
        for (let h = 0; h < 24; h++) {
          if (start + d * DAY + h * HOUR >= now - (now % HOUR) - HOUR) break;
          // busy 14:00–15:00 UTC, quiet at night
          const value = Math.round((base + perDay * d) * (h === 14 ? 1 : h >= 8 && h < 18 ? 0.8 : 0.2));
          rows.push({
            nodeId,
            series,
            bucket: new Date(start + d * DAY + h * HOUR),
            count: 1,
            sum: value,
            min: value,
            max: value,
          });
        }
      }
    }
    await f.t.db.rollupHour.createMany({ data: rows });
    const id = f.deploymentId;
    const fc = await api<ForecastResponse>(`/api/deployments/${id}/forecast?from=${start}&to=${start + 29 * DAY}`);
    const e1 = fc.series.find((s) => s.label.startsWith("vcs-e1"))!;
    expect(e1.forecast.fit!.slope).toBeCloseTo(30, 5);
    // last daily peak 600 + 30×28 = 1440; (1800 − 1440) / 30 = 12 days
    expect(e1.forecast.daysUntilLimit).toBe(12);
    expect(e1.forecast.busyHour).toEqual({ hour: 14, p95: 1410 });
    const load = fc.series.find((s) => s.kind === "load")!;
    expect(load.forecast.limit).toBe(1000);

    const page = browser!.page;
    await page.goto(`${app.url}/history`);
    await page.getByRole("button", { name: "30 d" }).click();
    const card = page.getByTestId("capacity-forecast");
    await expect
      .poll(() => card.getByTestId("days-until-limit").first().innerText(), { timeout: 20_000 })
      .toMatch(/days until the limit at this trend/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "history-forecast");
    await card.screenshot({ path: "test-results/screenshots/history-forecast-card.png" });
  });
});

describe("Settings: relay capacity and extra certificate targets on a node", () => {
  it("rejects a malformed target beside the field, saves valid values, and the checks use them", async () => {
    const { f, app, browser } = labApp;
    const admin = await loginCookie(app.url, "admin");
    const page = await browser!.context.newPage();
    const [name, value] = admin.split("=") as [string, string];
    await browser!.context.addCookies([{ name, value, url: app.url }]);
    await page.goto(`${app.url}/admin/settings`);
    const item = page.getByTestId("node-item").filter({ hasText: "cms1.example.local" });
    await item.getByRole("button", { name: "Edit" }).click();
    const form = page.getByTestId("node-form");
    await form.getByLabel("Extra certificate targets", { exact: true }).fill("webbridge:443");
    await form.getByRole("button", { name: "Save node" }).click();
    await form.getByText(/Line 1: write "label = host:port \[name\]"/).waitFor();
    await form
      .getByLabel("Extra certificate targets", { exact: true })
      .fill(`Web Bridge = ${labHostPort(f, "cms1")} cms1.example.local`);
    await screenshot(page, "settings-node-certificate-targets");
    await form.getByRole("button", { name: "Save node" }).click();
    await form.waitFor({ state: "detached" });
    const cms = await f.t.db.node.findFirstOrThrow({ where: { name: "cms1.example.local" } });
    expect(cms.tlsAuditTargets).toBe(`Web Bridge = ${labHostPort(f, "cms1")} cms1.example.local`);
    const inv = await api<CertificatesResponse>("/api/certificates", "POST");
    expect(inv.rows.some((r) => r.endpoint === "Web Bridge" && r.nodeName === "cms1.example.local")).toBe(true);
    await page.close();
  });
});
