import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentStatus, HistoryResponse } from "@/lib/domain/api-types";
import type { Latest as TurnServersLatest } from "@/lib/domain/sources/cms-turn-servers";
import { applyRollups } from "../support/rollups";
import type { Browser } from "../support/browser";
import { screenshot } from "../support/browser";
import { startLabApp, type LabApp } from "../support/lab-app";

// The deployment page's Web Proxy panels against the lab: tunnels (V3), the automatic allow-list
// rules (V2) and the turnServers with RTT sparklines (C5, V4), healthy and with lab faults.
let labApp: LabApp;
let browser: Browser;
let url: string;

beforeAll(async () => {
  labApp = await startLabApp({
    role: "engineer",
    env: { EDGESCOPE_STATUS_INTERVAL_MS: "2000", EDGESCOPE_CONFIG_INTERVAL_MS: "2000" },
    viewport: { width: 1280, height: 900 },
  });
  browser = labApp.browser!;
  url = `${labApp.app.url}/deployments/${labApp.f.deploymentId}`;
});
afterAll(() => labApp?.stop());

const pollNow = () => browser.page.getByRole("button", { name: "Poll now" }).click();

describe("deployment page panels", () => {
  it("lists the Join URL tunnel to both Expressway-E nodes as Active on a healthy lab", async () => {
    const { page } = browser;
    await page.goto(url);
    const rows = page.locator('[data-testid="tunnel-row"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const join = page.getByTestId("tunnels-table").locator("tr", { hasText: "webbridge.example.com" });
    expect(await join.count()).toBe(2);
    const texts = await join.allInnerTexts();
    expect(texts.join("\n")).toMatch(/vcs-e1\.example\.local[\s\S]*Active/);
    expect(texts.join("\n")).toMatch(/vcs-e2\.example\.local[\s\S]*Active/);
    expect(await page.locator('[data-testid="tunnel-row"][data-active="false"]').count()).toBe(0);
    expect(await page.getByTestId("tunnels-missing").count()).toBe(0);
    // Both V2 rules as expected, nothing missing.
    await expect
      .poll(() => page.locator('[data-testid="allowlist-row"][data-state="expected"]').count(), { timeout: 15_000 })
      .toBe(2);
    expect(await page.locator('[data-testid="allowlist-row"][data-state="missing"]').count()).toBe(0);
  });

  it("shows each turnServer with RTT values and a sparkline of the last hour", async () => {
    const { page } = browser;
    await expect.poll(() => page.getByTestId("turn-server").count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(async () => (await page.getByTestId("turn-rtt").allInnerTexts()).every((t) => /^\d+(\.\d)?$/.test(t)), {
        timeout: 15_000,
      })
      .toBe(true);
    const text = await page.getByTestId("turn-servers-node").innerText();
    expect(text).toContain("10.0.0.36");
    expect(text).toContain("203.0.113.5");
    expect(text).toMatch(/expressway/);
    // An hour of history as the poller would have stored it (the lab has run for seconds only).
    const status = (await (
      await fetch(`${labApp.app.url}/api/deployments/${labApp.f.deploymentId}/status`, {
        headers: { cookie: labApp.cookie },
      })
    ).json()) as DeploymentStatus;
    const cms = status.nodes.find((n) => n.role === "CMS")!;
    const hosts = (cms.sources.find((s) => s.source === "cms.turn-servers")!.latest as TurnServersLatest).status!.hosts;
    const now = Date.now();
    const db = labApp.f.t.db;
    const rows = hosts.flatMap((h, j) =>
      Array.from({ length: 55 }, (_, i) => ({
        nodeId: cms.id,
        turnServerId: h.turnServerId,
        hostAddress: h.hostAddress,
        ts: new Date(now - (i + 2) * 60_000),
        rttMs: i >= 20 && i < 24 ? null : 2 + j * 2 + ((i * 7) % 5) + (i > 40 ? 6 : 0),
        allocations: 1,
      })),
    );
    await db.turnServerSample.createMany({ data: rows });
    // The poller folds every sample into the rollups as it stores it (a missing RTT adds nothing); do the same for the seed.
    for (const r of rows)
      if (r.rttMs !== null)
        await applyRollups(db, r.nodeId, r.ts, [{ series: `rtt:${r.hostAddress}`, value: r.rttMs }]);
    // The sparklines read the History page's series (history/rtt), not an endpoint of their own:
    // take the answer of the first request sent after the seed.
    const sent = page.waitForRequest((r) => /\/api\/deployments\/[^/]+\/history\/rtt\?/.test(r.url()));
    await pollNow();
    const body = (await (await (await sent).response())!.json()) as HistoryResponse;
    expect(body.bucketMs).toBe(60_000);
    expect(body.points.length).toBeLessThanOrEqual(61);
    const keys = hosts.map((h) => `${cms.id}:${h.hostAddress}`).sort();
    expect(
      body.lines
        .filter((l) => l.kind === "avg")
        .map((l) => l.key.replace(/__avg$/, ""))
        .sort(),
    ).toEqual(keys);
    // Every seeded minute with an RTT is there, and the four minutes without one stay gaps.
    const gaps = [20, 21, 22, 23].map((i) => Math.floor((now - (i + 2) * 60_000) / 60_000) * 60_000);
    for (const k of keys) {
      expect(body.points.filter((p) => typeof p[`${k}__avg`] === "number").length).toBeGreaterThanOrEqual(51);
      expect(gaps.map((t) => body.points.find((p) => p.t === t)?.[`${k}__avg`])).toEqual([null, null, null, null]);
    }
    // A sparkline per host, each with its average and its peak line.
    await expect
      .poll(() => page.locator('[data-testid="sparkline"] svg .recharts-line').count(), { timeout: 30_000 })
      .toBe(2 * hosts.length);
    await screenshot(page, "deployment-panels-healthy");
    await page
      .getByTestId("turn-servers-node")
      .screenshot({ path: "test-results/screenshots/deployment-panels-turn.png" });
  });

  it("highlights the tunnel row of the Expressway-E whose tunnels went Inactive", async () => {
    const { page } = browser;
    await labApp.f.lab.setFault("tunnel-inactive", "vcs-e2");
    await pollNow();
    const bad = page.locator('[data-testid="tunnel-row"][data-active="false"]');
    await expect.poll(() => bad.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    for (const t of await bad.allInnerTexts()) expect(t).toMatch(/vcs-e2\.example\.local[\s\S]*Inactive/);
    expect(await bad.first().getAttribute("class")).toMatch(/bg-red/);
    expect(
      await page.locator('[data-testid="tunnel-row"][data-target="vcs-e1.example.local"][data-active="true"]').count(),
    ).toBeGreaterThanOrEqual(1);
    await page
      .getByTestId("tunnels-node")
      .screenshot({ path: "test-results/screenshots/deployment-panels-tunnel-inactive.png" });
    await labApp.f.lab.clearFaults();
  });

  it("shows the wss rule as missing when Expressway-C lacks it", async () => {
    const { page } = browser;
    await labApp.f.lab.setFault("wss-rule-missing", "vcs-c");
    await pollNow();
    const missing = page.locator('[data-testid="allowlist-row"][data-state="missing"]');
    await expect.poll(() => missing.count(), { timeout: 15_000 }).toBe(1);
    expect(await missing.getAttribute("data-protocol")).toBe("wss");
    expect(await missing.innerText()).toMatch(
      /missing[\s\S]*Meeting Server web bridges[\s\S]*wss[\s\S]*443[\s\S]*Prefix/i,
    );
    expect(await missing.getAttribute("class")).toMatch(/bg-red/);
    expect(await page.locator('[data-testid="allowlist-row"][data-state="expected"]').count()).toBe(1);
    // The V2 check says the same as the table right after "Poll now", not 30 s later.
    const v2 = page
      .locator('[data-testid="check"]')
      .filter({ hasText: "HTTP allow list: automatic https and wss rules" });
    await expect.poll(() => v2.getAttribute("data-status"), { timeout: 5_000 }).toBe("fail");
    await page
      .getByTestId("allowlist-node")
      .screenshot({ path: "test-results/screenshots/deployment-panels-wss-missing.png" });
    await screenshot(page, "deployment-panels-faults");
    await labApp.f.lab.clearFaults();
  });

  it("flags a node whose TLS verification is off in red on its panels", async () => {
    const { page } = browser;
    const db = labApp.f.t.db;
    await db.node.updateMany({
      where: { deploymentId: labApp.f.deploymentId, role: { in: ["EXPRESSWAY_C", "CMS"] } },
      data: { tlsInsecure: true },
    });
    await pollNow();
    for (const panel of ["tunnels-node", "allowlist-node", "turn-servers-node"]) {
      await expect.poll(() => page.getByTestId(panel).getByTestId("tls-insecure").count(), { timeout: 15_000 }).toBe(1);
    }
    expect(await page.getByTestId("tunnels-node").getByTestId("tls-insecure").getAttribute("class")).toMatch(
      /text-red/,
    );
    await db.node.updateMany({ where: { deploymentId: labApp.f.deploymentId }, data: { tlsInsecure: false } });
  });

  it("reads well on a wall screen", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 2560, height: 1440 });
    await pollNow();
    await expect
      .poll(() => page.locator('[data-testid="allowlist-row"][data-state="missing"]').count(), { timeout: 15_000 })
      .toBe(0);
    await screenshot(page, "deployment-panels-wall");
    await page.screenshot({ path: "test-results/screenshots/deployment-panels-wall-viewport.png" });
  });
});
