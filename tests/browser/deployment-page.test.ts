import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentStatus, RelayLatest } from "@/lib/domain/api-types";
import type { AppServer } from "../support/app-server";
import { TEST_PASSWORDS } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

// The demo path end to end: lab → poller in the Next server → SQLite → API → page in chromium.
let f: LabFixture;
let app: AppServer;
let browser: Browser;
let cookie: string;
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({ role: "engineer", env: { EDGESCOPE_RELAY_INTERVAL_MS: "2000" } });
  ({ f, app, cookie } = labApp);
  browser = labApp.browser!;
});
afterAll(() => labApp?.stop());

async function status(): Promise<DeploymentStatus> {
  return (
    await fetch(`${app.url}/api/deployments/${f.deploymentId}/status`, { headers: { cookie } })
  ).json() as Promise<DeploymentStatus>;
}

describe("deployment page", () => {
  it("shows the live relay count of each Expressway-E node and a chart", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/deployments/${f.deploymentId}`);
    await page.getByTestId("relay-node").first().waitFor();
    await expect
      .poll(async () => page.getByTestId("relay-current").allInnerTexts(), { timeout: 15_000 })
      .not.toContain("–");

    const shown = (await page.getByTestId("relay-current").allInnerTexts()).map(Number);
    const api = (await status()).nodes
      .filter((n) => n.role === "EXPRESSWAY_E")
      .map((n) => (n.sources[0]!.latest as RelayLatest).current);
    expect(shown).toHaveLength(2);
    // The page refreshes every 10 s and the poller every 2 s: the numbers must be real lab values.
    for (const n of shown) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect(api).toHaveLength(2);
    // Peak + average per node, in the relay chart (the turnServer sparklines are charts too).
    const relayChart = page.locator("section", { hasText: "Relays, last hour" }).last();
    await expect.poll(() => relayChart.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(4);
    await screenshot(page, "deployment-page");
  });

  it("lists every source of every node with its health", async () => {
    const { page } = browser;
    await expect.poll(() => page.getByTestId("source-row").count(), { timeout: 15_000 }).toBe(22);
    await expect
      .poll(() => page.locator('[data-testid="source-row"] [data-health="ok"]').count(), { timeout: 15_000 })
      .toBe(22);
    await page.locator('[data-source="expressway-c.tunnels"] summary').click();
    expect(await page.locator('[data-source="expressway-c.tunnels"] pre').innerText()).toContain(
      "webbridge.example.com",
    );
    await screenshot(page, "deployment-page-sources");
  });

  it("shows a failed poll with the node's error after a lab fault, not a crash", async () => {
    const { page } = browser;
    await f.lab.setFault("malformed-xml", "vcs-e1");
    await page.getByRole("button", { name: "Poll now" }).click();
    // Every source of vcs-e1 fails: relays, alarms, version and call licences.
    const errors = page.getByTestId("poll-error");
    await expect.poll(() => errors.count(), { timeout: 15_000 }).toBe(4);
    for (const text of await errors.allInnerTexts())
      expect(text).toMatch(/vcs-e1\.example\.local[\s\S]*parse[\s\S]*malformed XML/);
    await screenshot(page, "deployment-page-fault");

    await f.lab.clearFaults();
    await page.getByRole("button", { name: "Poll now" }).click();
    await expect.poll(() => errors.count(), { timeout: 15_000 }).toBe(0);
    expect((await (await fetch(`${app.url}/api/health`)).json()).status).toBe("ok");
  });

  it("asks for a login on a page opened without a session, then shows it", async () => {
    const b = await launchBrowser();
    try {
      const res = await b.page.goto(`${app.url}/deployments/${f.deploymentId}`);
      expect(res?.status()).toBe(401);
      await b.page.getByLabel("Username").fill("viewer");
      await b.page.getByLabel("Password").fill("wrong-password-123");
      await b.page.getByRole("button", { name: "Log in" }).click();
      await b.page.getByRole("alert").filter({ hasText: "Wrong username or password" }).waitFor();
      await screenshot(b.page, "login-failed");
      await b.page.getByLabel("Password").fill(TEST_PASSWORDS.viewer);
      await b.page.getByRole("button", { name: "Log in" }).click();
      await b.page.getByTestId("relay-node").first().waitFor();
      expect(await b.page.getByTestId("current-user").innerText()).toBe("viewer · viewer");
    } finally {
      await b.close();
    }
  });

  it("lists the deployment on the board with its relay numbers", async () => {
    const { page } = browser;
    await page.goto(app.url);
    const tile = page.getByTestId("deployment-tile");
    await tile.waitFor();
    expect(await tile.innerText()).toContain("Lab");
    await expect
      .poll(async () => (await page.getByTestId("tile-relays").allInnerTexts()).every((t) => /^\d+$/.test(t)), {
        timeout: 15_000,
      })
      .toBe(true);
    await screenshot(page, "board");
  });
});
