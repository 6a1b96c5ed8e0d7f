import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox, parseKey } from "@/lib/server/crypto/secret-box";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

let f: LabFixture;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  const key = crypto.randomBytes(32).toString("hex");
  f = await startLabFixture();
  await seedLabDeployment(f.t.db, new SecretBox(parseKey(key)), f.lab);
  await createRoleUsers(f.t.db);
  app = await startAppServer({ DATABASE_URL: f.t.url, EDGESCOPE_SECRET_KEY: key, EDGESCOPE_RELAY_INTERVAL_MS: "2000", EDGESCOPE_HTTP_TIMEOUT_MS: "1500" });
  const cookie = await loginCookie(app.url, "engineer");
  browser = await launchBrowser();
  const [name, value] = cookie.split("=") as [string, string];
  await browser.context.addCookies([{ name, value, url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await f?.stop();
});

describe("guided troubleshooting", () => {
  it("walks the T1 flow: symptom, live checks, evidence, verdict with the fix, Markdown report", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/troubleshoot`);
    await page.getByRole("button", { name: /Outside users connect but get no audio or video/ }).click();
    await expect.poll(() => page.getByTestId("automated-step").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Live checks ran and found nothing wrong on the healthy lab: not confirmed, not "no evidence".
    await expect.poll(() => page.getByTestId("verdict").innerText()).toBe("Not confirmed yet");

    // A file that is not what it claims gets a clear error, and nothing breaks.
    await page.getByLabel("Evidence kind").selectOption("har");
    await page.getByLabel("Evidence file").setInputFiles("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv");
    await page.getByRole("alert").filter({ hasText: /not a HAR file/i }).waitFor();

    await page.getByLabel("Evidence kind").selectOption("auto");
    await page.getByLabel("Evidence file").setInputFiles("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv");
    await page.getByTestId("evidence-item").waitFor();
    expect(await page.getByTestId("findings").innerText()).toMatch(/ICE failure 4/i);
    expect(await page.getByTestId("verdict").innerText()).toBe("Cause confirmed");
    expect(await page.getByTestId("fix-steps").innerText()).toMatch(/Configuration > Traversal > TURN/);
    await page.getByLabel("What you found for step 1").fill("ICE failure 4 at 10:34");
    await screenshot(page, "troubleshoot-t1");

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export report (Markdown)" }).click()]);
    const md = fs.readFileSync((await dl.path())!, "utf8");
    expect(md).toContain("- Symptom (T1): Outside users connect but get no audio or video");
    expect(md).toContain("- Verdict: **Confirmed by the evidence**");
    expect(md).toContain("Found: ICE failure 4 at 10:34");
    expect(md).toMatch(/## Fix\n\n1\. On Expressway-E, Configuration > Traversal > TURN/);
  });

  it("is refused to a viewer", async () => {
    const viewer = await loginCookie(app.url, "viewer");
    const res = await fetch(`${app.url}/troubleshoot`, { headers: { cookie: viewer } });
    expect(res.status).toBe(403);
  });
});
