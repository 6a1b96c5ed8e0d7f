import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

// The admin's API tokens page: create (secret shown once), list with last use, revoke.

let t: TestDb;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "d".repeat(64) });
  browser = await launchBrowser();
  const [name, value] = (await loginCookie(app.url, "admin")).split("=") as [string, string];
  await browser.context.addCookies([{ name, value, url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.cleanup();
});

describe("API tokens page", () => {
  it("creates a token, shows its secret once, lists its last use and revokes it", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/admin/tokens`);
    await page.getByText("No tokens yet.").waitFor();
    await page.getByLabel("Name").fill("prometheus");
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByLabel("Expires (optional)").fill("2099-12-31");
    await page.getByRole("button", { name: "Create" }).click();
    const secret = (await page.getByTestId("new-token").textContent())!;
    expect(secret).toMatch(/^esk_/);
    await screenshot(page, "admin-tokens-created");

    // The secret works as a bearer token, and the list then shows its use.
    expect((await fetch(`${app.url}/api/board`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    await page.reload();
    const row = page.getByRole("row", { name: /prometheus/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 10));
    expect(await row.textContent()).not.toContain(secret);
    expect(await row.textContent()).toMatch(/2099/);
    expect(await row.textContent()).not.toMatch(/never$/);
    await expect.poll(() => page.getByTestId("new-token").count()).toBe(0); // shown once: gone after a reload
    await screenshot(page, "admin-tokens");

    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByText("No tokens yet.").waitFor();
    expect((await fetch(`${app.url}/api/board`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });
});
