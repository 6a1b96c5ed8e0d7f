import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

// The NOC board at default settings (relays polled every 10 s, board refreshed every 10 s).
const POLL_INTERVAL_MS = 10_000;
let f: LabFixture;
let app: AppServer;
let browser: Browser;
let cookie: string;
let labApp: LabApp;

beforeAll(async () => {
  labApp = await startLabApp({ role: "viewer", viewport: { width: 1920, height: 1080 } });
  ({ f, app, cookie } = labApp);
  browser = labApp.browser!;
});
afterAll(() => labApp?.stop());

describe("NOC board", () => {
  it("shows the polled areas of a healthy lab green, and the probe-backed areas grey until they are set up", async () => {
    const { page } = browser;
    await page.goto(app.url);
    const tile = page.getByTestId("deployment-tile");
    const area = (id: string) => page.locator(`[data-testid="tile-area"][data-area="${id}"]`);
    for (const id of ["tunnels", "allowlist", "cms", "versions"]) {
      await expect.poll(() => area(id).getAttribute("data-health"), { timeout: 30_000 }).toBe("ok");
    }
    // No resolvers or TURN credentials are configured and no probes have run: those areas are
    // never green on missing data, and each says what to set up.
    expect(await area("dns-tls").getAttribute("data-health")).toBe("unknown");
    expect(await area("dns-tls").innerText()).toMatch(/configure the outside resolver/i);
    expect(await area("turn-servers").getAttribute("data-health")).toBe("unknown");
    expect(await area("turn-servers").innerText()).toMatch(/configure the TURN credentials/i);
    expect(await area("turn-relays").getAttribute("data-health")).toBe("unknown");
    expect(await tile.getAttribute("data-health")).toBe("unknown");
    expect(await tile.innerText()).toMatch(/Oldest data: \d+ s/);
    await screenshot(page, "board-healthy");
  });

  it("dates the check-based areas from the recorded check states", async () => {
    const { page } = browser;
    // DNS and TLS has no source: its status and since come from the checks the recorder writes.
    const area = page.locator('[data-testid="tile-area"][data-area="dns-tls"]');
    await expect.poll(() => area.getAttribute("data-since"), { timeout: 90_000 }).not.toBe("");
    expect(await area.getAttribute("data-health")).toBe("unknown");
    expect(await area.innerText()).toMatch(/since \d\d:\d\d \(\d+ (s|min)\)/);
  });

  it("keeps the tile's place and size across refreshes while an area turns red", async () => {
    const { page } = browser;
    const box = () =>
      page.getByTestId("deployment-tile").evaluate((e) => {
        const r = e.getBoundingClientRect();
        return [r.x, r.y, r.width, r.height];
      });
    const tunnels = page.locator('[data-testid="tile-area"][data-area="tunnels"]');
    expect(await tunnels.getAttribute("data-health")).toBe("ok");
    const before = await box();
    await f.lab.setFault("tunnel-inactive", "vcs-e2");
    await expect.poll(() => tunnels.getAttribute("data-health"), { timeout: 60_000 }).toBe("failing");
    expect(await tunnels.innerText()).toMatch(/vcs-e2/);
    expect(await box()).toEqual(before);
    await f.lab.clearFaults();
    await expect.poll(() => tunnels.getAttribute("data-health"), { timeout: 60_000 }).toBe("ok");
  });

  it("turns red within two poll intervals of a lab fault, naming the area and since when", async () => {
    const { page } = browser;
    const injected = Date.now();
    await f.lab.setFault("http-500", "vcs-e1");
    const area = page.locator('[data-testid="tile-area"][data-area="turn-relays"]');
    await expect
      .poll(() => area.getAttribute("data-health"), { timeout: 2 * POLL_INTERVAL_MS + 2_000, interval: 250 })
      .toBe("failing");
    const elapsed = Date.now() - injected;
    expect(elapsed).toBeLessThanOrEqual(2 * POLL_INTERVAL_MS + 2_000);
    expect(await page.getByTestId("deployment-tile").getAttribute("data-health")).toBe("failing");
    expect(await area.innerText()).toMatch(/since \d\d:\d\d[\s\S]*vcs-e1: HTTP 500/);
    await screenshot(page, "board-fault");
    await f.lab.clearFaults();
  });

  it("is keyboard navigable: Tab reaches the tile and Enter opens the deployment", async () => {
    const { page } = browser;
    await page.goto(app.url);
    await page.getByTestId("deployment-tile").waitFor();
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "deployment-tile")) break;
    }
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/deployments\//);
  });

  it("switches to a light theme and remembers it", async () => {
    const { page } = browser;
    await page.goto(app.url);
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.getByRole("button", { name: "Switch light or dark theme" }).click();
    await page.reload();
    await page.getByTestId("deployment-tile").waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await screenshot(page, "board-light-1080p");
  });
});
