// Screenshots of the wall board with one deployment and of the history on demo-seeded data (not a
// test; run after `npx next build`):
//   npx tsx --conditions=react-server tests/browser/wall-history-screens.mts
// The lab set up as the demo sets it up (resolvers, TURN credentials, probes run) with 90 days of
// history seeded by the demo's seeder; then the board at 1920×1080 green and with vcs-e1's tunnel
// down, and the history at 1 h, 30 d and 1 y. The 31-deployment board: board-screens.mts.
// PNGs go to test-results/screenshots/wall-one-*.png and history-seeded-*.png.
import fs from "node:fs";
import path from "node:path";
import { seedDemoHistory } from "@/lib/server/demo/seed-history";
import { seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { loginCookie } from "../support/auth";
import { startLabApp } from "../support/lab-app";

const labApp = await startLabApp({ role: "engineer", viewport: { width: 1920, height: 1080 } });
const { f, app } = labApp;
try {
  const seeded = await seedDemoHistory(f.t.db, f.deploymentId);
  console.log(`demo history: ${(seeded.ms / 1000).toFixed(1)} s`);
  await seedLabResolvers(f.t.db, f.lab, f.deploymentId);
  await seedLabTurnCredentials(f.t.db, f.box, f.lab, f.deploymentId);
  const engineer = await loginCookie(app.url, "engineer");
  const probe = async () => {
    const res = await fetch(`${app.url}/api/deployments/${f.deploymentId}/checks?probe=1`, {
      headers: { cookie: engineer },
    });
    if (!res.ok) throw new Error(`probes: ${res.status}`);
  };
  await new Promise((r) => setTimeout(r, 15_000));
  await probe();
  const { page } = labApp.browser!;
  const dir = path.resolve("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const shot = async (name: string) => {
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  };
  await page.goto(`${app.url}/?density=comfortable`);
  await page.getByTestId("deployment-tile").waitFor();
  await page.waitForTimeout(1500);
  await shot("wall-one-green-1920x1080");
  await f.lab.setFault("tunnel-inactive", "vcs-e1");
  await f.lab.setFault("turn-inactive", "vcs-e2");
  await page.waitForTimeout(25_000);
  await probe();
  await page.waitForTimeout(12_000);
  await shot("wall-one-faults-1920x1080");
  await page.goto(`${app.url}/?density=compact`);
  await page.getByTestId("deployment-tile").waitFor();
  await page.waitForTimeout(1500);
  await shot("wall-one-faults-compact-1920x1080");
  await f.lab.clearFaults();

  for (const [range, label] of [
    ["1 h", "1h"],
    ["30 d", "30d"],
    ["1 y", "1y"],
  ] as const) {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${app.url}/history`);
    await page.getByRole("button", { name: range, exact: true }).click();
    await page.getByTestId("relay-history").locator(".recharts-line").first().waitFor({ timeout: 30_000 });
    await page.getByTestId("daily-peaks").getByTestId("busiest-days").waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    const file = path.join(dir, `history-seeded-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await labApp.stop();
}
