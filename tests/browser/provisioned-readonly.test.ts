import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

// Objects from the provisioning file show as read-only: a badge instead of Edit and Delete, in
// the settings (deployments, nodes) and on the alerting pages (channels, rules); hand-made ones keep their buttons.

const secrets = {
  PROV_VCS_E1_PASSWORD: "e1-secret",
  PROV_TURN_E1_PASSWORD: "turn-secret",
  PROV_CMS1_PASSWORD: "cms-secret",
  PROV_HOOK_SECRET: "hook-secret-123",
};
let t: TestDb;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  const file = path.join(t.dir, "deployments.yaml");
  fs.copyFileSync(path.resolve("tests/fixtures/provisioning/lab.yaml"), file);
  await t.db.deployment.create({
    data: { name: "By hand", joinUrl: "hand.example.com", callBridgeDomain: "example.com" },
  });
  app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_POLLER: "off",
    EDGESCOPE_SECRET_KEY: crypto.randomBytes(32).toString("hex"),
    EDGESCOPE_PROVISION: file,
    ...secrets,
  });
  browser = await launchBrowser();
  const [name, value] = (await loginCookie(app.url, "admin")).split("=") as [string, string];
  await browser.context.addCookies([{ name, value, url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.cleanup();
});

describe("provisioned objects in the UI", () => {
  it("settings show provisioned deployments and nodes read-only, hand-made ones editable", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/admin/settings`);
    await page.getByTestId("node-item").first().waitFor();
    const cards = page.locator("section").filter({ has: page.getByTestId("deployment-title") });
    const lab = page.getByTestId("deployment-title").filter({ hasText: "Lab" });
    await lab.waitFor();
    // Two provisioned nodes and the provisioned deployment: three badges, no Edit on them.
    expect(await page.getByTestId("provisioned-badge").count()).toBe(3);
    expect(await page.getByTestId("node-item").getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(1); // the hand-made deployment
    expect(await cards.count()).toBeGreaterThan(0);
    await screenshot(page, "provisioned-settings");
  });

  it("alerting pages show the provisioned channel and rule read-only", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/alerts/channels`);
    await page.getByTestId("channel-row").waitFor();
    expect(await page.getByTestId("channel-row").getByTestId("provisioned-badge").count()).toBe(1);
    expect(await page.getByTestId("channel-row").getByRole("button", { name: "Delete" }).count()).toBe(0);
    expect(await page.getByTestId("channel-row").getByRole("button", { name: "Send test" }).count()).toBe(1);
    await screenshot(page, "provisioned-channels");
    await page.goto(`${app.url}/alerts/rules`);
    await page.getByTestId("rule-row").waitFor();
    expect(await page.getByTestId("rule-row").getByTestId("provisioned-badge").count()).toBe(1);
    expect(await page.getByTestId("rule-row").getByRole("button", { name: "Delete" }).count()).toBe(0);
  });
});
