// Wall-screen screenshots of the board (not a test; run after `npx next build`):
//   npx tsx --conditions=react-server tests/browser/board-screens.mts
// Five lab deployments in different states: the lab as is, a tunnel down (check-based), an
// Expressway-E answering HTTP 500 (source), a CMS version below R1 (warn), and one whose polls
// stopped (stale). The app's own poller is off; this script polls, so it decides what goes stale.
// PNGs go to test-results/screenshots/wall-<width>x<height>[-light].png.
import fs from "node:fs";
import path from "node:path";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import type { FaultName } from "@/lib/server/lab/faults";
import { startLabApp } from "../support/lab-app";

const VIEWPORTS = [[3840, 2160], [2560, 1440], [1920, 1080], [1280, 800]] as const;
const EXTRA: { name: string; fault?: [FaultName, string | null]; stale?: boolean }[] = [
  { name: "Berlin", fault: ["tunnel-inactive", "vcs-e2"] },
  { name: "Cairo", fault: ["http-500", "vcs-e1"] },
  { name: "Dublin", stale: true },
  { name: "Essen", fault: ["version-mismatch", null] },
];

const labApp = await startLabApp({ role: "viewer", env: { EDGESCOPE_POLLER: "off" }, viewport: { width: 1920, height: 1080 } });
const { f, app } = labApp;
const labs: Lab[] = [];
let timer: NodeJS.Timeout | undefined;
try {
  const stale: string[] = [];
  for (const e of EXTRA) {
    const lab = await startLab({ cmsMaxPageSize: 10 });
    labs.push(lab);
    const id = await seedLabDeployment(f.t.db, f.box, { deployment: { ...lab.deployment, name: e.name }, nodes: lab.nodes, caPem: lab.caPem });
    if (e.fault) await lab.setFault(...e.fault);
    if (e.stale) stale.push(...(await f.t.db.node.findMany({ where: { deploymentId: id }, select: { id: true } })).map((n) => n.id));
  }
  const all = (await f.t.db.node.findMany({ select: { id: true } })).map((n) => n.id);
  await f.poller.pollNow(all);
  const live = all.filter((id) => !stale.includes(id));
  timer = setInterval(() => void f.poller.pollNow(live), 10_000);
  // Past three relay intervals (stale), the first probe run (~15 s) and the first check recording (20 s).
  await new Promise((r) => setTimeout(r, 75_000));

  const { page } = labApp.browser!;
  const dir = path.resolve("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const theme of ["dark", "light"] as const) {
    if (theme === "light") {
      await page.goto(app.url);
      await page.getByRole("button", { name: "Switch light or dark theme" }).click();
    }
    for (const [width, height] of VIEWPORTS) {
      await page.setViewportSize({ width, height });
      await page.goto(app.url);
      await page.getByTestId("deployment-tile").first().waitFor();
      await page.waitForTimeout(500);
      const file = path.join(dir, `wall-${width}x${height}${theme === "light" ? "-light" : ""}.png`);
      await page.screenshot({ path: file });
      const boxes = await page.getByTestId("deployment-tile").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`));
      const font = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      console.log(`${file}: root ${font}; tiles ${boxes.join(" | ")}`);
    }
  }
} finally {
  clearInterval(timer);
  await labApp.stop();
  for (const lab of labs) await lab.stop();
}
