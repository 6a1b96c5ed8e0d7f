import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { historyToCsv } from "@/lib/domain/history-csv";
import { applyRollups } from "@/lib/server/rollups/apply-rollups";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let lab: Lab;
let app: AppServer;
let browser: Browser;
let cookie: string;
let deploymentId: string;

beforeAll(async () => {
  lab = await startLab();
  t = await createTestDb();
  await createRoleUsers(t.db);
  const d = await t.db.deployment.create({ data: { name: "Seeded", joinUrl: "join.example.com", callBridgeDomain: "example.com" } });
  deploymentId = d.id;
  const e1 = await t.db.node.create({ data: { deploymentId: d.id, role: "EXPRESSWAY_E", name: "e1.example.com", baseUrl: "https://127.0.0.1:9", username: "u", passwordEnc: "x" } });
  const e2 = await t.db.node.create({ data: { deploymentId: d.id, role: "EXPRESSWAY_E", name: "e2.example.com", baseUrl: "https://127.0.0.1:9", username: "u", passwordEnc: "x" } });
  // A day of samples every 5 minutes, with a known shape.
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < 288; i++) {
    const ts = new Date(now - i * 300_000);
    rows.push({ nodeId: e1.id, ts, current: i % 24, peak: 30, total: 1000 + i }, { nodeId: e2.id, ts, current: 5, peak: 9, total: 500 });
  }
  await t.db.turnRelaySample.createMany({ data: rows });
  // The poller folds every sample into the rollups as it stores it; do the same for the seed.
  for (const r of rows) await applyRollups(t.db, r.nodeId, r.ts, [{ series: "relay", value: r.current }]);
  // V3 passed for a day except one hour, six hours ago: 23/24 of the observed time.
  await t.db.checkState.createMany({ data: [
    { deploymentId: d.id, checkId: "v3-tunnels", status: "pass", summary: "all Active", at: new Date(now - 30 * 3_600_000) },
    { deploymentId: d.id, checkId: "v3-tunnels", status: "fail", summary: "no tunnel to e2", at: new Date(now - 6 * 3_600_000) },
    { deploymentId: d.id, checkId: "v3-tunnels", status: "pass", summary: "all Active", at: new Date(now - 5 * 3_600_000) },
  ] });
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: crypto.randomBytes(32).toString("hex") });
  cookie = await loginCookie(app.url, "admin");
  browser = await launchBrowser();
  const [name, value] = cookie.split("=") as [string, string];
  await browser.context.addCookies([{ name, value, url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await lab?.stop();
  await t?.cleanup();
});

describe("history", () => {
  it("charts a day of relay usage, shows the same numbers as a table, and exports them as CSV", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByRole("button", { name: "24 h" }).click();
    await expect.poll(() => page.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => page.getByTestId("tunnel-availability").innerText()).toMatch(/Tunnel availability \(V3\): 95\.8[34] %/);
    expect(await page.getByTestId("timeline-row").count()).toBeGreaterThan(10);
    await screenshot(page, "history-24h");

    await page.getByRole("button", { name: "Stacked total" }).click();
    await expect.poll(() => page.locator(".recharts-area").count()).toBe(2);
    await screenshot(page, "history-stacked");
    await page.getByRole("button", { name: "Per node" }).click();

    await page.getByRole("button", { name: "Table" }).click();
    const table = page.getByTestId("history-table");
    await table.waitFor();
    const rows = await table.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(250); // 5-minute buckets over 24 h, every one with data
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["Time", "e1.example.com peak", "e1.example.com average", "e2.example.com peak", "e2.example.com average"]);

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    const csv = fs.readFileSync((await dl.path())!, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("time (UTC),e1.example.com peak,e1.example.com average,e2.example.com peak,e2.example.com average");
    const dataRows = lines.slice(1).filter((l) => !/^[^,]+,+$/.test(l));
    expect(dataRows.length).toBe(rows);
    expect(dataRows.every((l) => l.endsWith(",5,5"))).toBe(true); // e2 is flat at 5

    // The CSV is exactly what the API gave the chart for that range.
    const [from, to] = [Date.parse(lines[1]!.split(",")[0]!), Date.now()];
    const api = (await (await fetch(`${app.url}/api/deployments/${deploymentId}/history/relay-usage?from=${from}&to=${to}`, { headers: { cookie } })).json()) as HistoryResponse;
    expect(historyToCsv(api).split("\n").slice(1, 50)).toEqual(csv.split("\n").slice(1, 50));
  });
});

describe("settings", () => {
  it("validates beside the fields, keeps passwords write-only, and tests a node's connection", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/admin/settings`);
    const add = page.locator("section", { hasText: "Add a deployment" }).last();
    await add.getByLabel("Name", { exact: true }).fill("Branch");
    await add.getByLabel("Join URL", { exact: true }).fill("not a host");
    await add.getByLabel("Call bridge domain", { exact: true }).fill("example.com");
    await add.getByRole("button", { name: "Add deployment" }).click();
    await add.getByText("Must be a fully qualified domain name").waitFor();
    await add.getByLabel("Join URL", { exact: true }).fill(lab.deployment.joinUrl);
    await add.getByRole("button", { name: "Add deployment" }).click();
    const card = page.locator("section", { has: page.getByTestId("deployment-title").filter({ hasText: "Branch" }) }).last();
    await card.waitFor();

    await card.getByRole("button", { name: "Add node" }).click();
    const form = card.getByTestId("node-form");
    const e1 = lab.nodes.find((n) => n.key === "vcs-e1")!;
    await form.getByLabel("Name", { exact: true }).fill(e1.name);
    await form.getByLabel("Management URL", { exact: true }).fill("http://insecure.example.com");
    await form.getByLabel("API username", { exact: true }).fill(e1.username);
    await form.getByLabel("API password", { exact: true }).fill(e1.password);
    await form.getByRole("button", { name: "Add node" }).click();
    await form.getByText("Management APIs are polled over HTTPS only").waitFor();
    await form.getByLabel("Management URL", { exact: true }).fill(e1.url);
    await form.getByLabel("CA certificate (PEM)", { exact: true }).fill(lab.caPem);
    await form.getByRole("button", { name: "Add node" }).click();
    const item = card.getByTestId("node-item").filter({ hasText: e1.name });
    await item.waitFor();
    expect(await item.innerText()).toContain("password set");

    await item.getByRole("button", { name: "Test connection" }).click();
    const result = item.getByTestId("test-result");
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^ok TURN relay usage and TURN server status/);

    const turn = item.getByTestId("turn-credential-form");
    await turn.getByLabel("TURN username", { exact: true }).fill("cmsturn");
    await turn.getByLabel("TURN password", { exact: true }).fill("turn-pass-never-shown");
    await turn.getByRole("button", { name: "Save" }).click();
    await turn.getByText("Saved (set)").waitFor();
    const deploymentIdOfBranch = (await (await fetch(`${app.url}/api/deployments`, { headers: { cookie } })).json() as { id: string; name: string }[]).find((d) => d.name === "Branch")!.id;
    const creds = await (await fetch(`${app.url}/api/deployments/${deploymentIdOfBranch}/turn-credentials`, { headers: { cookie } })).text();
    expect(creds).toContain('"passwordSet":true');
    expect(creds).not.toContain("turn-pass-never-shown");

    await item.getByRole("button", { name: "Edit" }).click();
    const edit = card.getByTestId("node-form");
    expect(await edit.getByLabel("API password", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "settings");
    expect(await page.content()).not.toContain(e1.password);
    expect(await page.content()).not.toContain("turn-pass-never-shown");
  });
});
