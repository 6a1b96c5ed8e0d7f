import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { formatCount } from "@/lib/domain/charts";
import { historyToCsv } from "@/lib/domain/history-csv";
import { storeSnapshot } from "@/lib/server/collectors/snapshot-store";
import { mediaLoadAt } from "@/lib/server/lab/relay-curve";
import { applyRollups } from "../support/rollups";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let lab: Lab;
let app: AppServer;
let browser: Browser;
let cookie: string;
let deploymentId: string;
let cmsId: string;

beforeAll(async () => {
  lab = await startLab();
  t = await createTestDb();
  await createRoleUsers(t.db);
  const d = await t.db.deployment.create({
    data: { name: "Seeded", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
  });
  deploymentId = d.id;
  const e1 = await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "EXPRESSWAY_E",
      name: "e1.example.com",
      baseUrl: "https://127.0.0.1:9",
      username: "u",
      passwordEnc: "x",
    },
  });
  const e2 = await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "EXPRESSWAY_E",
      name: "e2.example.com",
      baseUrl: "https://127.0.0.1:9",
      username: "u",
      passwordEnc: "x",
    },
  });
  // A day of samples every 5 minutes, with a known shape.
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < 288; i++) {
    const ts = new Date(now - i * 300_000);
    rows.push(
      { nodeId: e1.id, ts, current: i % 24, peak: 30, total: 1000 + i },
      { nodeId: e2.id, ts, current: 5, peak: 9, total: 500 },
    );
  }
  await t.db.turnRelaySample.createMany({ data: rows });
  // The poller folds every sample into the rollups as it stores it; do the same for the seed.
  for (const r of rows) await applyRollups(t.db, r.nodeId, r.ts, [{ series: "relay", value: r.current }]);
  // The Meeting Server's RTT per TURN host over the day, two polls per 5 minutes: 10.0.0.36 varies,
  // 10.0.0.37 alternates 6 and 8 ms (every 5-minute bucket: average 7, peak 8).
  const cms = await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "CMS",
      name: "cms.example.com",
      baseUrl: "https://127.0.0.1:9",
      username: "u",
      passwordEnc: "x",
    },
  });
  cmsId = cms.id;
  const rtt = [];
  for (let i = 0; i < 576; i++) {
    const ts = new Date(now - i * 150_000);
    rtt.push(
      { host: "10.0.0.36", ts, rttMs: 2 + ((i * 5) % 7), allocations: i % 3 },
      { host: "10.0.0.37", ts, rttMs: i % 2 ? 8 : 6, allocations: 1 },
    );
  }
  await t.db.turnServerSample.createMany({
    data: rtt.map((r) => ({
      nodeId: cms.id,
      turnServerId: `ts-${r.host}`,
      hostAddress: r.host,
      ts: r.ts,
      rttMs: r.rttMs,
      allocations: r.allocations,
    })),
  });
  for (const r of rtt)
    await applyRollups(t.db, cms.id, r.ts, [
      { series: `rtt:${r.host}`, value: r.rttMs },
      { series: `alloc:${r.host}`, value: r.allocations },
    ]);
  // Its media processing load over the day (a working-day curve, busy hours near 480) and the
  // loadLimit its cluster configuration gives (1000, incoming calls rejected from 800).
  for (let i = 0; i < 576; i++) {
    const ts = new Date(now - i * 150_000);
    await applyRollups(t.db, cms.id, ts, [{ series: "load", value: 4 * mediaLoadAt(ts, 0) }]);
  }
  await t.db.$transaction((tx) =>
    storeSnapshot(t.db, tx, cms.id, "cms.load", new Date(now), {
      loadLimit: 1000,
      newConferenceBasisPoints: 5000,
      existingConferenceBasisPoints: 8000,
      loadBand: 450,
    }),
  );
  // Calls in use on both Expressway-Es over the day: e1 alternates 20 and 30 traversal calls (every
  // 5-minute bucket: average 25, peak 30) against its 50 licensed; e2's status tree gives no
  // licensed count (not exposed by its version), so it gets no line.
  for (let i = 0; i < 576; i++) {
    const ts = new Date(now - i * 150_000);
    await applyRollups(t.db, e1.id, ts, [
      { series: "calls-traversal", value: i % 2 ? 30 : 20 },
      { series: "calls-nontraversal", value: 5 },
    ]);
    await applyRollups(t.db, e2.id, ts, [
      { series: "calls-traversal", value: 10 },
      { series: "calls-nontraversal", value: 3 },
    ]);
  }
  const licences = (current: number, licensed: number | null) => ({ current, peak: current, licensed });
  await t.db.$transaction(async (tx) => {
    await storeSnapshot(t.db, tx, e1.id, "expressway.call-licences", new Date(now), {
      traversal: licences(30, 50),
      nonTraversal: licences(5, 100),
    });
    await storeSnapshot(t.db, tx, e2.id, "expressway.call-licences", new Date(now), {
      traversal: licences(10, null),
      nonTraversal: licences(3, null),
    });
  });
  // Deployments whose Meeting Server has reported nothing, and without a Meeting Server at all.
  const quiet = await t.db.deployment.create({
    data: { name: "Seeded quiet CMS", joinUrl: "quiet.example.com", callBridgeDomain: "example.com" },
  });
  await t.db.node.create({
    data: {
      deploymentId: quiet.id,
      role: "CMS",
      name: "cms.quiet.example.com",
      baseUrl: "https://127.0.0.1:9",
      username: "u",
      passwordEnc: "x",
    },
  });
  await t.db.deployment.create({
    data: { name: "Seeded without CMS", joinUrl: "nocms.example.com", callBridgeDomain: "example.com" },
  });
  // V3 passed for a day except one hour, six hours ago: 23/24 of the observed time.
  await t.db.checkState.createMany({
    data: [
      {
        deploymentId: d.id,
        checkId: "v3-tunnels",
        status: "pass",
        summary: "all Active",
        at: new Date(now - 30 * 3_600_000),
      },
      {
        deploymentId: d.id,
        checkId: "v3-tunnels",
        status: "fail",
        summary: "no tunnel to e2",
        at: new Date(now - 6 * 3_600_000),
      },
      {
        deploymentId: d.id,
        checkId: "v3-tunnels",
        status: "pass",
        summary: "all Active",
        at: new Date(now - 5 * 3_600_000),
      },
    ],
  });
  app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_POLLER: "off",
    EDGESCOPE_SECRET_KEY: crypto.randomBytes(32).toString("hex"),
  });
  cookie = await loginCookie(app.url, "admin");
  browser = await launchBrowser();
  const [name, value] = cookie.split("=") as [string, string];
  await browser.context.addCookies([{ name, value, url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await lab?.stop();
  await t?.cleanup();
});

type Locator = ReturnType<Page["getByTestId"]>;

/** A chart's value-axis tick labels. */
const Y_TICKS = '.recharts-cartesian-axis-tick-value[orientation="left"]';

async function downloadCsv(page: Page, card: Locator): Promise<string> {
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  return fs.readFileSync((await dl.path())!, "utf8");
}

/** The numbers of a history table, row by row (the time column left out). */
async function tableNumbers(card: Locator): Promise<string[][]> {
  return card
    .getByTestId("history-table")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(1).map((td) => td.textContent ?? "")));
}

describe("history", () => {
  it("charts a day of relay usage, shows the same numbers as a table, and exports them as CSV", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded" });
    await page.getByRole("button", { name: "24 h" }).click();
    const card = page.getByTestId("relay-history");
    await expect.poll(() => card.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(4);
    await expect
      .poll(() => page.getByTestId("tunnel-availability").innerText())
      .toMatch(/Tunnel availability \(V3\): 95\.8[34] %/);
    expect(await page.getByTestId("timeline-row").count()).toBeGreaterThan(10);
    await screenshot(page, "history-24h");

    await card.getByRole("button", { name: "Stacked total" }).click();
    await expect.poll(() => card.locator(".recharts-area").count()).toBe(2);
    await screenshot(page, "history-stacked");
    await card.getByRole("button", { name: "Per node" }).click();

    await card.getByRole("button", { name: "Table" }).click();
    const table = card.getByTestId("history-table");
    await table.waitFor();
    const rows = await table.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(250); // 5-minute buckets over 24 h, every one with data
    expect(await table.locator("thead th").allInnerTexts()).toEqual([
      "Time",
      "e1.example.com peak",
      "e1.example.com average",
      "e2.example.com peak",
      "e2.example.com average",
    ]);

    const csv = await downloadCsv(page, card);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(
      "time (UTC),e1.example.com peak,e1.example.com average,e2.example.com peak,e2.example.com average",
    );
    const dataRows = lines.slice(1).filter((l) => !/^[^,]+,+$/.test(l));
    expect(dataRows.length).toBe(rows);
    expect(dataRows.every((l) => l.endsWith(",5,5"))).toBe(true); // e2 is flat at 5

    // The CSV is exactly what the API gave the chart for that range.
    const [from, to] = [Date.parse(lines[1]!.split(",")[0]!), Date.now()];
    const api = (await (
      await fetch(`${app.url}/api/deployments/${deploymentId}/history/relay-usage?from=${from}&to=${to}`, {
        headers: { cookie },
      })
    ).json()) as HistoryResponse;
    expect(historyToCsv(api).split("\n").slice(1, 50)).toEqual(csv.split("\n").slice(1, 50));
  });
  it("exports the stacked view with a total column; the custom range and the checks timeline have time axes", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded" });
    await page.getByRole("button", { name: "24 h" }).click();
    const card = page.getByTestId("relay-history");
    await card.getByRole("button", { name: "Stacked total" }).click();
    await expect.poll(() => card.locator(".recharts-area").count(), { timeout: 15_000 }).toBe(2);
    const csv = (await downloadCsv(page, card)).trim().split("\n");
    expect(csv[0]).toBe("time (UTC),e1.example.com average,e2.example.com average,deployment total (sum of averages)");
    const full = csv
      .slice(1)
      .map((l) => l.split(","))
      .filter((c) => c[1] !== "" && c[2] !== "");
    expect(full.length).toBeGreaterThan(250);
    for (const c of full) expect(Number(c[3])).toBeCloseTo(Number(c[1]) + Number(c[2]), 5);
    await card.getByRole("button", { name: "Per node" }).click();

    // A two-day custom range: the axis says times, not only dates.
    await page.getByRole("button", { name: "Custom" }).click();
    await expect
      .poll(
        async () =>
          (await card.locator(".recharts-cartesian-axis-tick-value").allTextContents()).filter((t) =>
            /^\d\d:\d\d$/.test(t),
          ).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(2);
    const axis = page.getByTestId("timeline-axis");
    await axis.waitFor();
    expect(
      (await axis.innerText()).split("\n").filter((t) => /^\d\d:\d\d$|^\d{1,2} [A-Z][a-z]{2}$/.test(t.trim())).length,
    ).toBeGreaterThan(2);
    await screenshot(page, "history-custom-axis");
  });

  it("charts turnServer RTT per host, shows the same numbers as a table, exports them as CSV, and follows the zoom", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded" });
    const card = page.getByTestId("turn-history");
    // Wait for the first load, then take the answer to a fresh 24 h pick: that is what the card draws.
    await expect.poll(() => card.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(4);
    const sent = page.waitForRequest((r) => r.url().includes(`/api/deployments/${deploymentId}/history/rtt?`));
    await page.getByRole("button", { name: "24 h" }).click();
    const api = (await (await (await sent).response())!.json()) as HistoryResponse;
    expect(Date.parse(api.to) - Date.parse(api.from)).toBe(86_400_000);
    const hosts = [`${cmsId}:10.0.0.36`, `${cmsId}:10.0.0.37`];
    expect(api.lines.map((l) => l.key)).toEqual(hosts.flatMap((h) => [`${h}__peak`, `${h}__avg`]));

    // A line per host and kind, labelled with the Meeting Server and the host, in ms.
    expect(await card.locator(".recharts-legend-item-text").allInnerTexts()).toEqual(
      expect.arrayContaining([
        "cms.example.com → 10.0.0.36 peak",
        "cms.example.com → 10.0.0.36 average",
        "cms.example.com → 10.0.0.37 peak",
        "cms.example.com → 10.0.0.37 average",
      ]),
    );
    const msTicks = await card.locator(Y_TICKS).allTextContents();
    expect(msTicks.length).toBeGreaterThan(2);
    expect(msTicks.every((t) => / ms$/.test(t))).toBe(true);
    // Exact numbers in the tooltip: 10.0.0.37 averages 7 ms and peaks at 8 ms in every full bucket.
    const box = (await card.locator(".recharts-cartesian-grid").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    const tip = card.locator(".recharts-tooltip-wrapper");
    await expect.poll(() => tip.innerText()).toContain("10.0.0.37 average");
    expect(await tip.innerText()).toMatch(/10\.0\.0\.37 peak\s*:\s*8 ms/);
    expect(await tip.innerText()).toMatch(/10\.0\.0\.37 average\s*:\s*7 ms/);
    await screenshot(page, "history-rtt");

    // The table holds the same numbers as the answer the chart drew: newest first, empty buckets left out.
    await card.getByRole("button", { name: "Table" }).click();
    await card.getByTestId("history-table").waitFor();
    expect(await card.getByTestId("history-table").locator("thead th").allInnerTexts()).toEqual([
      "Time",
      ...api.lines.map((l) => `${l.label} (ms)`),
    ]);
    const withData = api.points.filter((p) => api.lines.some((l) => p[l.key] !== null));
    expect(withData.length).toBeGreaterThan(280);
    await expect
      .poll(() => tableNumbers(card))
      .toEqual(withData.map((p) => api.lines.map((l) => formatCount(p[l.key]))).reverse());

    // The CSV is exactly that answer, units in the headings.
    const csv = await downloadCsv(page, card);
    expect(csv).toBe(historyToCsv(api, undefined, "ms"));
    expect(csv.split("\n")[0]).toBe(
      "time (UTC),cms.example.com → 10.0.0.36 peak (ms),cms.example.com → 10.0.0.36 average (ms),cms.example.com → 10.0.0.37 peak (ms),cms.example.com → 10.0.0.37 average (ms)",
    );

    // Zoom with the brush: the table and the CSV then hold the zoomed points only.
    await card.getByRole("button", { name: "Chart" }).click();
    const traveller = card.locator(".recharts-brush-traveller").first();
    await card.locator(".recharts-brush").scrollIntoViewIfNeeded();
    const t0 = (await traveller.boundingBox())!;
    await page.mouse.move(t0.x + t0.width / 2, t0.y + t0.height / 2);
    await page.mouse.down();
    await page.mouse.move(t0.x + t0.width / 2 + box.width / 2, t0.y + t0.height / 2, { steps: 10 });
    await page.mouse.up();
    await card.getByTestId("zoom-note").waitFor();
    await card.getByRole("button", { name: "Table" }).click();
    const zoomedRows = await tableNumbers(card);
    expect(zoomedRows.length).toBeGreaterThan(10);
    expect(zoomedRows.length).toBeLessThan(withData.length * 0.75);
    const zoomedCsv = (await downloadCsv(page, card)).trim().split("\n").slice(1);
    // Contiguous buckets of the same answer, ending with the newest, as many as the table shows.
    const first = api.points.findIndex((p) => new Date(p.t).toISOString() === zoomedCsv[0]!.split(",")[0]);
    expect(first).toBeGreaterThan(0);
    expect(zoomedCsv).toEqual(
      historyToCsv({ lines: api.lines, points: api.points.slice(first) }, undefined, "ms")
        .trim()
        .split("\n")
        .slice(1),
    );
    expect(zoomedCsv.filter((l) => !/^[^,]+,+$/.test(l)).length).toBe(zoomedRows.length);
    await screenshot(page, "history-rtt-zoomed");

    // Allocations: the same hosts, counted, no unit.
    await card.getByRole("button", { name: "Show the whole range" }).click();
    await card.getByRole("button", { name: "Allocations" }).click();
    await expect
      .poll(() => card.getByTestId("history-table").locator("thead th").allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        "Time",
        "cms.example.com → 10.0.0.36 peak",
        "cms.example.com → 10.0.0.36 average",
        "cms.example.com → 10.0.0.37 peak",
        "cms.example.com → 10.0.0.37 average",
      ]);
    expect(await card.locator("h2").innerText()).toMatch(/allocations/i);
  });

  it("charts the Meeting Server's media load against its loadLimit, and exports it as CSV", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded" });
    const card = page.getByTestId("media-load-history");
    await expect.poll(() => card.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(2);
    const sent = page.waitForRequest((r) => r.url().includes(`/api/deployments/${deploymentId}/history/media-load?`));
    await page.getByRole("button", { name: "24 h" }).click();
    const api = (await (await (await sent).response())!.json()) as HistoryResponse;
    expect(api.lines.map((l) => l.label)).toEqual(["cms.example.com peak", "cms.example.com average"]);

    // The limit and the reject level as labelled lines, the value axis stretched to hold them.
    await expect.poll(() => card.locator(".recharts-reference-line").count()).toBe(2);
    expect(await card.locator(".recharts-surface text").allTextContents()).toEqual(
      expect.arrayContaining([
        "loadLimit 1000 (cms.example.com)",
        "incoming calls rejected from 800 (cms.example.com)",
      ]),
    );
    // Value-axis ticks (Recharts marks them with the axis orientation; SVG text has no innerText).
    const ticks = (await card.locator(Y_TICKS).allTextContents()).map(Number);
    expect(ticks.length).toBeGreaterThan(2);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(1000);
    expect(await card.getByTestId("series-references").innerText()).toContain("lines across: loadLimit 1000");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "history-media-load");
    await card.screenshot({ path: "test-results/screenshots/history-media-load-card.png" });

    // The CSV is that answer: one peak and one average column per Call Bridge.
    const csv = await downloadCsv(page, card);
    expect(csv).toBe(historyToCsv(api));
    expect(csv.split("\n")[0]).toBe("time (UTC),cms.example.com peak,cms.example.com average");
    expect(csv.split("\n").filter((l) => /,\d+(\.\d)?,\d+(\.\d)?$/.test(l)).length).toBeGreaterThan(250);

    // No Meeting Server, no media load: the card says why.
    await page.getByLabel("Deployment").selectOption({ label: "Seeded without CMS" });
    await expect
      .poll(() => card.getByTestId("series-empty").innerText(), { timeout: 15_000 })
      .toMatch(/no Meeting Server node, so there is no media load/);
  });

  it("charts calls in use per Expressway against the licensed count, per licence kind, and exports them as CSV", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded" });
    const card = page.getByTestId("call-licences-history");
    await expect.poll(() => card.locator(".recharts-line").count(), { timeout: 15_000 }).toBe(4);
    expect(await card.locator("h2").innerText()).toBe("Call licences per Expressway (R2)");
    const sent = page.waitForRequest((r) =>
      r.url().includes(`/api/deployments/${deploymentId}/history/calls-traversal?`),
    );
    await page.getByRole("button", { name: "24 h" }).click();
    const api = (await (await (await sent).response())!.json()) as HistoryResponse;
    expect(api.lines.map((l) => l.label)).toEqual([
      "e1.example.com peak",
      "e1.example.com average",
      "e2.example.com peak",
      "e2.example.com average",
    ]);
    expect(api.references).toEqual([{ label: "licensed 50 (e1.example.com)", value: 50 }]);
    expect(api.unreferenced).toEqual(["e2.example.com"]);

    // One labelled line at e1's licensed count, the value axis stretched to it; e2's missing count said.
    await expect.poll(() => card.locator(".recharts-reference-line").count()).toBe(1);
    expect(await card.locator(".recharts-surface text").allTextContents()).toContain("licensed 50 (e1.example.com)");
    const ticks = (await card.locator(Y_TICKS).allTextContents()).map(Number);
    expect(ticks.length).toBeGreaterThan(2);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(50);
    expect(await card.getByTestId("series-references").innerText()).toContain("lines across: licensed 50");
    expect(await card.getByTestId("series-unreferenced").innerText()).toContain(
      "e2.example.com: licensed count not exposed by this version, so no line",
    );
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: "test-results/screenshots/history-call-licences-card.png" });

    // The CSV is that answer: one peak and one average column per Expressway.
    const csv = await downloadCsv(page, card);
    expect(csv).toBe(historyToCsv(api));
    expect(csv.split("\n")[0]).toBe(
      "time (UTC),e1.example.com peak,e1.example.com average,e2.example.com peak,e2.example.com average",
    );
    expect(csv.split("\n").filter((l) => l.endsWith(",30,25,10,10")).length).toBeGreaterThan(250);

    // Non-traversal: the same nodes, the other count.
    const other = page.waitForRequest((r) =>
      r.url().includes(`/api/deployments/${deploymentId}/history/calls-nontraversal?`),
    );
    await card.getByRole("button", { name: "Non-traversal" }).click();
    const api2 = (await (await (await other).response())!.json()) as HistoryResponse;
    expect(api2.references).toEqual([{ label: "licensed 100 (e1.example.com)", value: 100 }]);
    await expect
      .poll(() => card.locator(".recharts-surface text").allTextContents())
      .toContain("licensed 100 (e1.example.com)");
    expect(await card.locator(".recharts-line").count()).toBe(4);
    await card.screenshot({ path: "test-results/screenshots/history-call-licences-nontraversal-card.png" });
    await screenshot(page, "history-call-licences");

    // No Expressway, no call licences: the card says why.
    await page.getByLabel("Deployment").selectOption({ label: "Seeded without CMS" });
    await expect
      .poll(() => card.getByTestId("series-empty").innerText(), { timeout: 15_000 })
      .toMatch(/no Expressway node, so there are no call licences/);
  });

  it("says why there is no turnServer chart: no data from the Meeting Server, or no Meeting Server", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/history`);
    const card = page.getByTestId("turn-history");
    await page.getByLabel("Deployment").selectOption({ label: "Seeded quiet CMS" });
    await expect
      .poll(() => card.getByTestId("series-empty").innerText(), { timeout: 15_000 })
      .toMatch(/No turnServer round-trip time in this range/);
    expect(await card.locator(".recharts-line").count()).toBe(0);
    expect(await card.getByRole("button", { name: "Export CSV" }).isDisabled()).toBe(true);
    await page.getByLabel("Deployment").selectOption({ label: "Seeded without CMS" });
    await expect
      .poll(() => card.getByTestId("series-empty").innerText(), { timeout: 15_000 })
      .toMatch(/no Meeting Server node/);
    await screenshot(page, "history-rtt-empty");
  });
});

describe("settings", () => {
  it("validates beside the fields, keeps passwords write-only, and tests a node's connection", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/admin/settings`);
    const add = page.locator("section", { hasText: "Add a deployment" }).last();
    await add.getByLabel("Name", { exact: true }).fill("Branch");
    await add.getByLabel("Join URL", { exact: true }).fill("not a host");
    await add.getByLabel("Call bridge domain", { exact: true }).fill("example.com");
    await add.getByRole("button", { name: "Add deployment" }).click();
    await add.getByText("Must be a fully qualified domain name").waitFor();
    await add.getByLabel("Join URL", { exact: true }).fill(lab.deployment.joinUrl);
    await add.getByRole("button", { name: "Add deployment" }).click();
    const card = page
      .locator("section", { has: page.getByTestId("deployment-title").filter({ hasText: "Branch" }) })
      .last();
    await card.waitFor();

    await card.getByRole("button", { name: "Add node" }).click();
    const form = card.getByTestId("node-form");
    const e1 = lab.nodes.find((n) => n.key === "vcs-e1")!;
    await form.getByLabel("Name", { exact: true }).fill(e1.name);
    await form.getByLabel("Management URL", { exact: true }).fill("http://insecure.example.com");
    await form.getByLabel("API username", { exact: true }).fill(e1.username);
    await form.getByLabel("API password", { exact: true }).fill(e1.password);
    await form.getByRole("button", { name: "Add node" }).click();
    await form.getByText("Management APIs are polled over HTTPS only").waitFor();
    await form.getByLabel("Management URL", { exact: true }).fill(e1.url);
    await form.getByLabel("CA certificate (PEM)", { exact: true }).fill(lab.caPem);
    await form.getByRole("button", { name: "Add node" }).click();
    const item = card.getByTestId("node-item").filter({ hasText: e1.name });
    await item.waitFor();
    expect(await item.innerText()).toContain("password set");

    await item.getByRole("button", { name: "Test connection" }).click();
    const result = item.getByTestId("test-result");
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^ok TURN relay usage and TURN server status/);

    const turn = item.getByTestId("turn-credential-form");
    await turn.getByLabel("TURN username", { exact: true }).fill("cmsturn");
    await turn.getByLabel("TURN password", { exact: true }).fill("turn-pass-never-shown");
    await turn.getByRole("button", { name: "Save" }).click();
    await turn.getByText("Saved (set)").waitFor();
    const deploymentIdOfBranch = (
      (await (await fetch(`${app.url}/api/deployments`, { headers: { cookie } })).json()) as {
        id: string;
        name: string;
      }[]
    ).find((d) => d.name === "Branch")!.id;
    const creds = await (
      await fetch(`${app.url}/api/deployments/${deploymentIdOfBranch}/turn-credentials`, { headers: { cookie } })
    ).text();
    expect(creds).toContain('"passwordSet":true');
    expect(creds).not.toContain("turn-pass-never-shown");

    await item.getByRole("button", { name: "Edit" }).click();
    const edit = card.getByTestId("node-form");
    expect(await edit.getByLabel("API password", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "settings");
    expect(await page.content()).not.toContain(e1.password);
    expect(await page.content()).not.toContain("turn-pass-never-shown");
  });
});
