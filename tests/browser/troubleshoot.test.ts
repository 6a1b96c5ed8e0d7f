import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { loginCookie } from "../support/auth";
import { screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

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

describe("guided troubleshooting", () => {
  it("walks the T1 flow: symptom, live checks, evidence, verdict with the fix, Markdown report", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/troubleshoot`);
    await page.getByRole("button", { name: /Outside users connect but get no audio or video/ }).click();
    await expect.poll(() => page.getByTestId("live-check").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The fixture has no TURN credentials, so the check that decides T1 cannot run: unknown, not "not indicated".
    await expect
      .poll(() => page.getByTestId("verdict").innerText(), { timeout: 20_000 })
      .toMatch(/^Unknown: a check this symptom rests on has no result yet/);

    // A file that is not what it claims gets a clear error, and nothing breaks.
    await page.getByLabel("Evidence kind").selectOption("har");
    await page.getByLabel("Evidence file").setInputFiles("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv");
    await page
      .getByRole("alert")
      .filter({ hasText: /not a HAR file/i })
      .waitFor();

    await page.getByLabel("Evidence kind").selectOption("auto");
    await page.getByLabel("Evidence file").setInputFiles("tests/fixtures/analyzers/cms-log/t1-ice-failure.tsv");
    await page.getByTestId("evidence-item").waitFor();
    expect(await page.getByTestId("findings").innerText()).toMatch(/ICE failure 4/i);
    await expect
      .poll(() => page.getByTestId("verdict").innerText(), { timeout: 20_000 })
      .toBe("Confirmed by your evidence (90 %): Expressway-E rejects the TURN credentials (C3, C5)");
    expect(await page.getByTestId("fix-steps").innerText()).toMatch(/Configuration > Traversal > TURN/);
    await page.getByLabel("What you found for step 1").fill("ICE failure 4 at 10:34");
    await screenshot(page, "troubleshoot-t1");

    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export report (Markdown)" }).click(),
    ]);
    const md = fs.readFileSync((await dl.path())!, "utf8");
    expect(md).toContain("- Symptom (T1): Outside users connect but get no audio or video");
    expect(md).toMatch(
      /- Verdict \(Edgescope's verdict engine, .*\): \*\*Confirmed by your evidence \(90 %\): Expressway-E rejects the TURN credentials \(C3, C5\)\*\*/,
    );
    expect(md).toContain("Found: ICE failure 4 at 10:34");
    expect(md).toMatch(/Fix:\n1\. On Expressway-E, Configuration > Traversal > TURN/);
  });

  it("is refused to a viewer", async () => {
    const viewer = await loginCookie(app.url, "viewer");
    const res = await fetch(`${app.url}/troubleshoot`, { headers: { cookie: viewer } });
    expect(res.status).toBe(403);
  });
});
