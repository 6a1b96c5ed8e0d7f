import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { ALL_NODES, pollOk } from "../support/collected";
import { startLabApp, type LabApp } from "../support/lab-app";

// Expressway call licences on the deployment page under `next start` against the lab: the
// check row names the node at its licensed count, the raw view shows the counts per kind.
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({ role: "engineer", viewport: { width: 1280, height: 900 } });
}, 300_000);
afterAll(() => labApp?.stop());

describe("call licences on the deployment page", () => {
  it("shows capacity-call-licences failing with the node and counts, and the polled counts", async () => {
    const { f, app, browser } = labApp;
    await f.lab.setFault("call-licences-full", "vcs-c");
    await pollOk(f, ALL_NODES);
    const page = browser!.page;
    await page.goto(`${app.url}/deployments/${f.deploymentId}`);
    const row = page.getByTestId("check").filter({ hasText: "Expressway call licences have headroom" });
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 20_000 }).toBe("fail");
    expect(await row.innerText()).toContain("vcs-c.example.local: 50 of 50 licensed traversal calls in use.");
    await row.scrollIntoViewIfNeeded();
    await row.screenshot({ path: "test-results/screenshots/call-licences-check.png" });
    const source = page.locator('[data-testid="source-row"][data-source="expressway.call-licences"]').first();
    await source.locator("summary").click();
    expect(await source.innerText()).toMatch(/"licensed": 50/);
    await source.scrollIntoViewIfNeeded();
    await source.screenshot({ path: "test-results/screenshots/call-licences-source.png" });
    await screenshot(page, "call-licences-page");
  });
});
