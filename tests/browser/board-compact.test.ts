import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardResponse } from "@/lib/domain/api-types";
import { HEALTH_RANK, type Health } from "@/lib/domain/source-health";
import { seedLabDeployment, seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import type { AppServer } from "../support/app-server";
import { loginCookie } from "../support/auth";
import { screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";
import type { LabFixture } from "../support/lab-fixture";

// The board's compact density, the wall's: two lab deployments set up as the demo sets them up
// (the labs' own resolvers and TURN servers, probes run by an engineer), so "Lab" is green in all
// seven areas, and "Berlin", whose Expressway-C has its tunnels to vcs-e2 down, is red in some.
let labApp: LabApp;
let f: LabFixture;
let app: AppServer;
let browser: Browser;
let berlinLab: Lab;
let berlinId: string;

const board = async (): Promise<BoardResponse> =>
  (await fetch(`${app.url}/api/board`, { headers: { cookie: labApp.cookie } })).json() as Promise<BoardResponse>;
const tileOf = async (id: string) => (await board()).tiles.find((t) => t.id === id)!;
const tile = (id: string) => browser.page.locator(`[data-testid="deployment-tile"][href="/deployments/${id}"]`);
/** expect.poll for beforeAll (where vitest refuses it). */
async function until(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await ok()); await new Promise((r) => setTimeout(r, 500))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}
const densityOfTiles = () =>
  browser.page
    .getByTestId("deployment-tile")
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-density")))]);

beforeAll(async () => {
  labApp = await startLabApp({ role: "viewer", viewport: { width: 1920, height: 1080 } });
  ({ f, app } = labApp);
  browser = labApp.browser!;
  berlinLab = await startLab({ cmsMaxPageSize: 10 });
  berlinId = await seedLabDeployment(f.t.db, f.box, {
    ...berlinLab,
    deployment: { ...berlinLab.deployment, name: "Berlin" },
  });
  for (const [lab, id] of [
    [f.lab, f.deploymentId],
    [berlinLab, berlinId],
  ] as [Lab, string][]) {
    await seedLabResolvers(f.t.db, lab, id);
    await seedLabTurnCredentials(f.t.db, f.box, lab, id);
  }
  await berlinLab.setFault("tunnel-inactive", "vcs-e2");
  // The app's poller has read both labs, then the probes run in the app (where their results stay).
  await until("both labs polled", async () => (await board()).tiles.every((t) => t.oldestAgeMs !== null), 60_000);
  const engineer = await loginCookie(app.url, "engineer");
  for (const id of [f.deploymentId, berlinId])
    expect(
      (await fetch(`${app.url}/api/deployments/${id}/checks`, { method: "POST", headers: { cookie: engineer } }))
        .status,
    ).toBe(200);
  await until("Lab all green", async () => (await tileOf(f.deploymentId)).health === "ok", 30_000);
  await until(
    "Berlin's tunnels red",
    async () => (await tileOf(berlinId)).areas.find((a) => a.area === "tunnels")?.health === "failing",
    30_000,
  );
}, 150_000);
afterAll(async () => {
  await labApp?.stop();
  await berlinLab?.stop();
});

describe("compact board", () => {
  it("from the URL (?density=compact): a faulted deployment lists only its areas that are not OK, a healthy one says all are OK", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/?density=compact`);
    await tile(berlinId).waitFor();
    expect(await densityOfTiles()).toEqual(["compact"]);

    const lab = tile(f.deploymentId);
    expect(await lab.getByTestId("tile-all-ok").innerText()).toBe("All 7 areas OK");
    expect(await lab.getByTestId("tile-area").count()).toBe(0);
    expect(await lab.innerText()).toMatch(/Oldest data: \d+ s/);

    const berlin = tile(berlinId);
    const notOk = (await tileOf(berlinId)).areas.filter((a) => a.health !== "ok");
    expect(notOk.length).toBeGreaterThan(0);
    expect(notOk.length).toBeLessThan(7); // some areas are green, so "only" means something
    const listed = await berlin
      .getByTestId("tile-area")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-area"), e.getAttribute("data-health")]));
    expect(listed.map(([area]) => area).sort()).toEqual(notOk.map((a) => a.area).sort());
    expect(listed.every(([, health]) => health !== "ok")).toBe(true);
    expect(await berlin.getByTestId("tile-all-ok").count()).toBe(0);
    // The tunnels line: badge, area name, and since when (once the check recorder wrote the change).
    const tunnels = berlin.locator('[data-testid="tile-area"][data-area="tunnels"]');
    await expect
      .poll(async () => (await tileOf(berlinId)).areas.find((a) => a.area === "tunnels")?.since ?? null, {
        timeout: 90_000,
      })
      .not.toBeNull();
    await expect
      .poll(() => tunnels.innerText(), { timeout: 15_000 })
      .toMatch(/^\s*failing\s+SSH tunnels\s+since \d\d:\d\d\s*$/i);
    await screenshot(page, "board-compact-1080p");
  });

  it("lists the tiles worst first, as the board answers them", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/?density=compact`);
    await tile(berlinId).waitFor();
    const shown = await page
      .getByTestId("deployment-tile")
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute("href"), e.getAttribute("data-health")] as [string, Health]),
      );
    expect(shown.map(([href]) => href)).toEqual((await board()).tiles.map((t) => `/deployments/${t.id}`));
    expect(shown.map(([href]) => href)).toEqual([`/deployments/${berlinId}`, `/deployments/${f.deploymentId}`]);
    const ranks = shown.map(([, h]) => HEALTH_RANK[h]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("says the counts at a glance in the header, in both densities", async () => {
    const { page } = browser;
    for (const density of ["compact", "comfortable"]) {
      await page.goto(`${app.url}/?density=${density}`);
      await tile(berlinId).waitFor();
      expect(await page.getByTestId("board-counts").innerText()).toBe("1 failing · 1 OK");
    }
  });

  it("remembers the switch across reloads; the URL wins over it", async () => {
    const { page } = browser;
    await page.goto(app.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await tile(berlinId).waitFor();
    expect(await densityOfTiles()).toEqual(["comfortable"]);
    await page.getByRole("button", { name: "Compact" }).click();
    expect(await densityOfTiles()).toEqual(["compact"]);
    expect(await page.getByRole("button", { name: "Compact" }).getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    await tile(berlinId).waitFor();
    expect(await densityOfTiles()).toEqual(["compact"]);

    // A kiosk address says comfortable: it wins over the remembered compact.
    await page.goto(`${app.url}/?density=comfortable`);
    await tile(berlinId).waitFor();
    expect(await densityOfTiles()).toEqual(["comfortable"]);
    // Switching there rewrites the address, so it never contradicts the screen.
    await page.getByRole("button", { name: "Compact" }).click();
    expect(await densityOfTiles()).toEqual(["compact"]);
    expect(new URL(page.url()).searchParams.get("density")).toBe("compact");
    await page.getByRole("button", { name: "Comfortable" }).click();
    await page.goto(app.url);
    await tile(berlinId).waitFor();
    expect(await densityOfTiles()).toEqual(["comfortable"]);
  });

  it("keeps every compact tile's place and size across refreshes as the ages tick on", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/?density=compact`);
    await tile(berlinId).waitFor();
    const boxes = () =>
      page.getByTestId("deployment-tile").evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height];
        }),
      );
    const refreshed = page.getByText(/^Refreshed /);
    const before = await boxes();
    for (let i = 0; i < 2; i++) {
      const text = await refreshed.innerText();
      await expect.poll(() => refreshed.innerText(), { timeout: 30_000 }).not.toBe(text);
      expect(await boxes()).toEqual(before);
    }
  });

  it("is keyboard navigable: Tab reaches a compact tile, its focus shows, and Enter opens the deployment", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/?density=compact`);
    await tile(berlinId).waitFor();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "deployment-tile")) break;
    }
    const focused = await page.evaluate(() => ({
      href: document.activeElement?.getAttribute("href"),
      ring: getComputedStyle(document.activeElement!).boxShadow,
    }));
    expect(focused.href).toBe(`/deployments/${berlinId}`); // the worst tile comes first
    expect(focused.ring).not.toBe("none");
    await screenshot(page, "board-compact-focus");
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/deployments/${berlinId}$`));
  });

  it("fits 24 deployments on a 1920×1080 screen without scrolling when most are one line", async () => {
    const { page } = browser;
    // 22 more deployments without nodes yet (as an admin has just added them): no data, one line each.
    for (let i = 1; i <= 22; i++)
      await f.t.db.deployment.create({
        data: {
          name: `Site ${String(i).padStart(2, "0")}`,
          joinUrl: `join${i}.example.com`,
          callBridgeDomain: "example.com",
        },
      });
    await page.goto(`${app.url}/?density=compact`);
    await tile(berlinId).waitFor();
    await expect.poll(() => page.getByTestId("deployment-tile").count(), { timeout: 30_000 }).toBe(24);
    expect(await page.getByTestId("board-counts").innerText()).toBe("1 failing · 22 no data · 1 OK");
    const bottoms = await page
      .getByTestId("deployment-tile")
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(1080);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    await screenshot(page, "board-compact-24");
  });
});
