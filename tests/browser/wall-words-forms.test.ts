import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardResponse } from "@/lib/domain/api-types";
import { PORT_MESSAGE } from "@/lib/domain/ports";
import { seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";

// The wall board's words (node and reason first; "no data" only from an area's own sources), a
// viewer without Poll now, and forms that refuse bad ports as soon as a field is left. The lab is
// set up as the demo sets it up (its resolvers and TURN credentials, probes run by an engineer).
let labApp: LabApp;
let admin: Browser;

const board = async (): Promise<BoardResponse> =>
  (await fetch(`${labApp.app.url}/api/board`, { headers: { cookie: labApp.cookie } })).json() as Promise<BoardResponse>;
const areaOf = async (id: string) => (await board()).tiles[0]!.areas.find((a) => a.area === id)!;
async function until(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await ok()); await new Promise((r) => setTimeout(r, 500))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}
async function probe(): Promise<void> {
  const engineer = await loginCookie(labApp.app.url, "engineer");
  const res = await fetch(`${labApp.app.url}/api/deployments/${labApp.f.deploymentId}/checks`, {
    method: "POST",
    headers: { cookie: engineer, origin: labApp.app.url },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  labApp = await startLabApp({ role: "viewer", viewport: { width: 1920, height: 1080 } });
  const { f } = labApp;
  await seedLabResolvers(f.t.db, f.lab, f.deploymentId);
  await seedLabTurnCredentials(f.t.db, f.box, f.lab, f.deploymentId);
  await until("the lab polled", async () => (await board()).tiles[0]?.oldestAgeMs !== null, 60_000);
  await probe();
  await until("the lab all green", async () => (await board()).tiles[0]!.health === "ok", 60_000);
  admin = await launchBrowser({ width: 1440, height: 1000 });
  const cookie = await loginCookie(labApp.app.url, "admin");
  const [name, value] = cookie.split("=") as [string, string];
  await admin.context.addCookies([{ name, value, url: labApp.app.url }]);
}, 180_000);
afterAll(async () => {
  await admin?.close();
  await labApp?.stop();
});

describe("wall board words", () => {
  it("leads a red area with node and reason, never the check's title", async () => {
    const { page } = labApp.browser!;
    await labApp.f.lab.setFault("tunnel-inactive", "vcs-e1");
    await page.goto(labApp.app.url);
    const tunnels = page.locator('[data-testid="tile-area"][data-area="tunnels"]');
    await expect.poll(() => tunnels.getAttribute("data-health"), { timeout: 60_000 }).toBe("failing");
    const lines = await tunnels.getByTestId("tile-area-line").allInnerTexts();
    expect(lines[0]).toBe("vcs-e1: tunnel Inactive · V3");
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(await tunnels.innerText()).not.toContain("SSH tunnel for the Join URL");
    // The whole line is on screen, not cut: the element is as wide as its text.
    const cut = await tunnels
      .getByTestId("tile-area-line")
      .first()
      .evaluate((e) => e.scrollWidth > e.clientWidth);
    expect(cut).toBe(false);
    // One deployment fills the screen's width.
    const box = await page.getByTestId("deployment-tile").boundingBox();
    expect(box!.width).toBeGreaterThan(1920 * 0.9);
    await screenshot(page, "wall-words-tunnel");
    await labApp.f.lab.clearFaults();
    await expect.poll(() => tunnels.getAttribute("data-health"), { timeout: 60_000 }).toBe("ok");
  }, 180_000);

  it("keeps the Expressway-E relay area at its own (fresh) data while the Meeting Server refuses", async () => {
    const { page } = labApp.browser!;
    await labApp.f.lab.setFault("refused", "cms1");
    await until("the Meeting Server failing", async () => (await areaOf("cms")).health === "failing", 60_000);
    await probe();
    const relays = await areaOf("turn-relays");
    expect(relays.health).toBe("ok");
    // The CMS's own areas say it, node first.
    expect((await areaOf("cms")).detail).toMatch(/^cms1: /);
    await page.goto(labApp.app.url);
    const area = page.locator('[data-testid="tile-area"][data-area="turn-relays"]');
    await expect.poll(() => area.getAttribute("data-health"), { timeout: 20_000 }).toBe("ok");
    await screenshot(page, "wall-words-cms-refused");
    await labApp.f.lab.clearFaults();
  }, 120_000);
});

describe("a viewer", () => {
  it("sees no Poll now button on a deployment (an engineer does)", async () => {
    const { page } = labApp.browser!;
    await page.goto(`${labApp.app.url}/deployments/${labApp.f.deploymentId}`);
    await page.getByText("Join URL").first().waitFor();
    await page.getByTestId("source-row").first().waitFor();
    expect(await page.getByRole("button", { name: "Poll now" }).count()).toBe(0);
    await admin.page.goto(`${labApp.app.url}/deployments/${labApp.f.deploymentId}`);
    await admin.page.getByRole("button", { name: "Poll now" }).waitFor();
  });
});

describe("forms", () => {
  it("say a bad port as soon as the field is left, and every field's error at once on send", async () => {
    const { page } = admin;
    await page.goto(`${labApp.app.url}/admin/settings`);
    const add = page.locator("section", { hasText: "Add a deployment" }).last();
    const outside = add.getByLabel("Outside resolver", { exact: true });
    await outside.fill("192.0.2.53:0");
    await add.getByLabel("Inside resolver", { exact: true }).focus(); // leave the field; nothing sent
    await add.getByText(PORT_MESSAGE).waitFor({ timeout: 5_000 });
    await outside.fill("192.0.2.53:53");
    await add.getByLabel("Inside resolver", { exact: true }).fill("10.0.0.53:65536");
    await add.getByLabel("Name", { exact: true }).focus();
    await expect.poll(() => add.getByRole("alert").allInnerTexts()).toEqual([PORT_MESSAGE]); // the outside one is fixed, the inside one is not
    // Send with three bad fields: all three say so at once.
    await add.getByLabel("Join URL", { exact: true }).fill("not a host");
    await add.getByRole("button", { name: "Add deployment" }).click();
    // Name, join URL, call bridge domain and inside resolver, all at once.
    await expect
      .poll(() => add.getByRole("alert").allInnerTexts(), { timeout: 5_000 })
      .toEqual([
        "Required",
        "Must be a fully qualified domain name, e.g. webbridge.example.com",
        "Required",
        PORT_MESSAGE,
      ]);

    // A node: management URL and probe targets.
    const card = page.locator("section", { has: page.getByTestId("deployment-title") }).first();
    await card.getByRole("button", { name: "Add node" }).click();
    const form = card.getByTestId("node-form");
    await form.getByLabel("Management URL", { exact: true }).fill("https://vcs-e9.example.com:99999");
    await form.getByLabel("TURN probe target", { exact: true }).fill("203.0.113.5:0");
    await form.getByLabel("TLS probe target", { exact: true }).fill("203.0.113.5:443");
    await form.getByRole("button", { name: "Add node" }).click();
    // Name, management URL, username, password and TURN probe target, all at once (TLS target is fine).
    await expect
      .poll(() => form.getByRole("alert").allInnerTexts(), { timeout: 5_000 })
      .toEqual(["Required", PORT_MESSAGE, "Required", "Required", PORT_MESSAGE]);
    await screenshot(page, "forms-errors");
  });

  it("shows TURN credentials as set when they are", async () => {
    const { page } = admin;
    await page.goto(`${labApp.app.url}/admin/settings`);
    const state = page.getByTestId("turn-credential-state").first();
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toMatch(/^set · user \S+/);
  });
});
