import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupportBundle } from "@/lib/server/support/support-bundle";
import type { AppServer } from "../support/app-server";
import { loginCookie } from "../support/auth";
import { screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

// The deployment page under `next start` against the lab: a part the box does not have is shown in
// its own words (never a red poll), an unreachable turnServer host is named, and an admin downloads
// the support bundle from the page and from the API, with no node password in it.
let f: LabFixture;
let app: AppServer;
let browser: Browser;
let cookie: string;
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({ role: "admin" });
  ({ f, app, cookie } = labApp);
  browser = labApp.browser!;
});
afterAll(() => labApp?.stop());

const pollNow = () =>
  fetch(`${app.url}/api/deployments/${f.deploymentId}/poll`, { method: "POST", headers: { cookie, origin: app.url } });
const passwords = () => [
  ...new Set([...f.lab.nodes.map((n) => n.password), ...f.lab.nodes.flatMap((n) => (n.turn ? [n.turn.password] : []))]),
];

describe("support on the deployment page", () => {
  it("shows the refused settings location in the box's words, and C1 inferred from V2/V3", async () => {
    await f.lab.setFault("cms-settings-unavailable", "vcs-c");
    await f.lab.setFault("turn-inactive", "vcs-e2");
    expect((await pollNow()).status).toBe(200);
    const { page } = browser;
    await page.goto(`${app.url}/deployments/${f.deploymentId}`);
    const part = page.locator('[data-testid="part-missing"][data-source="expressway-c.cms-settings"]');
    await part.waitFor({ timeout: 15_000 });
    expect(await part.innerText()).toMatch(/not available on this version: No match for XPath/);
    expect(await page.getByTestId("poll-error").count()).toBe(0);
    await page.locator('[data-testid="check-inferred"]').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="check-inferred"]').first().innerText()).toBe("inferred from V2/V3");
    const down = page.locator('[data-testid="turn-host"][data-reachable="false"]');
    await down.first().waitFor({ timeout: 15_000 });
    expect(await down.first().innerText()).toMatch(/10\.0\.0\.37[\s\S]*unreachable/);
    await screenshot(page, "deployment-page-support");
    // The cards themselves, readable at full size.
    const card = (l: ReturnType<typeof page.locator>, name: string) =>
      l.locator("xpath=ancestor::section[1]").screenshot({ path: `test-results/screenshots/${name}.png` });
    await card(part, "deployment-support-card");
    await card(down.first(), "deployment-turn-unreachable-card");
    await page
      .locator('[data-testid="check-inferred"]')
      .first()
      .locator("xpath=ancestor::details[1]")
      .screenshot({ path: "test-results/screenshots/deployment-c1-inferred.png" });
  });

  it("downloads the whole deployment's bundle from the page, with no password in it", async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("bundle-all").click()]);
    expect(download.suggestedFilename()).toMatch(/^edgescope-support-Lab-.*\.json$/);
    const text = fs.readFileSync((await download.path())!, "utf8");
    const bundle = JSON.parse(text) as SupportBundle;
    expect(bundle.nodes.map((n) => n.name).sort()).toEqual(f.lab.nodes.map((n) => n.name).sort());
    expect(bundle.nodes.every((n) => n.sources.length > 0)).toBe(true);
    const settings = bundle.nodes
      .find((n) => n.role === "EXPRESSWAY_C")!
      .sources.find((s) => s.source === "expressway-c.cms-settings")!;
    expect(settings.requests.map((r) => r.body).join(" ")).toContain(
      "<Fault><XPathError><Reason>No match for XPath</Reason>",
    );
    expect(passwords().filter((p) => text.includes(p))).toEqual([]);
  });

  it("downloads one node's bundle from the API as an attachment; an engineer is refused", async () => {
    const cms = f.lab.nodes.find((n) => n.role === "CMS")!;
    const nodeId = await f.nodeId(cms.key);
    const res = await fetch(`${app.url}/api/deployments/${f.deploymentId}/support-bundle?node=${nodeId}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="edgescope-support-Lab-cms1\.example\.local-.*\.json"/,
    );
    const text = await res.text();
    const bundle = JSON.parse(text) as SupportBundle;
    expect(bundle.nodes.map((n) => n.name)).toEqual([cms.name]);
    const turn = bundle.nodes[0]!.sources.find((s) => s.source === "cms.turn-servers")!;
    expect(turn.matched).toEqual({ "host RTT element": "roundTripTimeMs" });
    expect(passwords().filter((p) => text.includes(p))).toEqual([]);
    const bad = await fetch(`${app.url}/api/deployments/${f.deploymentId}/support-bundle?node=x%27;--`, {
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    const unknown = await fetch(
      `${app.url}/api/deployments/${f.deploymentId}/support-bundle?node=c00000000000000000000000`,
      { headers: { cookie } },
    );
    expect(unknown.status).toBe(404);
    const engineer = await loginCookie(app.url, "engineer");
    expect(
      (await fetch(`${app.url}/api/deployments/${f.deploymentId}/support-bundle`, { headers: { cookie: engineer } }))
        .status,
    ).toBe(403);
  });
});
