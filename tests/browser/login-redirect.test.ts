import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, TEST_PASSWORDS } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

// After login the page follows ?next=; in Chromium, targets that pass a naive "starts with one /"
// test landed on another origin. An off-site server on loopback records any visit.
let t: TestDb;
let app: AppServer;
let browser: Browser;
let offsite: http.Server;
let offsitePort: number;
const offsiteHits: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "f".repeat(64) });
  offsite = http.createServer((req, res) => {
    offsiteHits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/html" }).end("<h1>off-site</h1>");
  });
  await new Promise<void>((r) => offsite.listen(0, "127.0.0.1", r));
  offsitePort = (offsite.address() as AddressInfo).port;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  offsite?.close();
  await app?.stop();
  await t?.cleanup();
});

async function loginWithNext(rawNext: string): Promise<URL> {
  const { page, context } = browser;
  await context.clearCookies();
  await page.goto(`${app.url}/login?next=${rawNext}`);
  await page.fill("input[name=username]", "viewer");
  await page.fill("input[name=password]", TEST_PASSWORDS.viewer);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/login", { timeout: 15_000 }),
    page.click("button[type=submit]"),
  ]);
  await page.waitForLoadState("load");
  return new URL(page.url());
}

describe("the redirect after login", () => {
  it("never leaves the site, whatever ?next= says", async () => {
    const appOrigin = new URL(app.url).origin;
    const dialogs: string[] = [];
    browser.page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
    const host = `127.0.0.1:${offsitePort}`;
    // Written into the address bar as is (the query keeps its own percent-escapes).
    for (const next of [
      `/%5C${host}/x`,
      `/%5C%5C${host}/x`,
      `/%09/${host}/x`,
      `/%0A/${host}/x`,
      `//${host}/x`,
      `/\\${host}/x`,
      `%2F%2F${host}/x`,
      `http://${host}/x`,
      "javascript:alert(document.domain)",
      `%20//${host}/x`,
    ]) {
      const landed = await loginWithNext(next);
      expect(landed.origin, next).toBe(appOrigin);
      expect(landed.pathname, next).toBe("/");
    }
    expect(offsiteHits).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("follows a path on the site", async () => {
    const landed = await loginWithNext(encodeURIComponent("/history?range=7d"));
    expect(landed.pathname).toBe("/history");
    expect(landed.search).toBe("?range=7d");
    await screenshot(browser.page, "login-redirect-history");
  });
});
