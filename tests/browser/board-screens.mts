// Wall-screen screenshots of the board (not a test; run after `npx next build`):
//   npx tsx --conditions=react-server tests/browser/board-screens.mts
// Five lab deployments in different states: the lab as is but set up as the demo sets it up (its
// own resolvers and TURN credentials, probes run: all green), a tunnel down (check-based), an
// Expressway-E answering HTTP 500 (source), a CMS version below R1, and one whose polls stopped
// (stale). For the compact density, a NOC-sized board: many more deployments, cheaply — they share
// the first lab's nodes (polled and probed like it: green), and two are never polled (no data).
// The app's own poller is off; this script polls, so it decides what goes stale.
// PNGs go to test-results/screenshots/wall-[compact-]<width>x<height>[-light].png.
import fs from "node:fs";
import path from "node:path";
import { seedLabDeployment, seedLabResolvers, seedLabTurnCredentials } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import type { FaultName } from "@/lib/server/lab/faults";
import { loginCookie } from "../support/auth";
import { startLabApp } from "../support/lab-app";

const VIEWPORTS = [
  [3840, 2160],
  [2560, 1440],
  [1920, 1080],
  [1280, 800],
] as const;
const COMPACT_VIEWPORTS = [
  [3840, 2160],
  [1920, 1080],
  [1280, 800],
] as const;
const EXTRA: { name: string; fault?: [FaultName, string | null]; stale?: boolean }[] = [
  { name: "Berlin", fault: ["tunnel-inactive", "vcs-e2"] },
  { name: "Cairo", fault: ["http-500", "vcs-e1"] },
  { name: "Dublin", stale: true },
  { name: "Essen", fault: ["version-mismatch", null] },
];
const GREEN = [
  "Amsterdam",
  "Athens",
  "Bergen",
  "Bordeaux",
  "Brno",
  "Bruges",
  "Cork",
  "Gdansk",
  "Geneva",
  "Graz",
  "Hamburg",
  "Helsinki",
  "Krakow",
  "Leeds",
  "Lille",
  "Lisbon",
  "Lyon",
  "Malmo",
  "Milan",
  "Munich",
  "Nantes",
  "Oslo",
  "Porto",
  "Riga",
];
const NEVER_POLLED = ["Tallinn", "Turin"];

const labApp = await startLabApp({
  role: "viewer",
  env: { EDGESCOPE_POLLER: "off" },
  viewport: { width: 1920, height: 1080 },
});
const { f, app } = labApp;
const labs: Lab[] = [];
let timer: NodeJS.Timeout | undefined;
try {
  const stale: string[] = [];
  for (const e of EXTRA) {
    const lab = await startLab({ cmsMaxPageSize: 10 });
    labs.push(lab);
    const id = await seedLabDeployment(f.t.db, f.box, {
      deployment: { ...lab.deployment, name: e.name },
      nodes: lab.nodes,
      caPem: lab.caPem,
    });
    if (e.fault) await lab.setFault(...e.fault);
    if (e.stale)
      stale.push(
        ...(await f.t.db.node.findMany({ where: { deploymentId: id }, select: { id: true } })).map((n) => n.id),
      );
  }
  // Green: set up as the demo does (the lab's own DNS responders and TURN servers), then probed.
  const green = [f.deploymentId];
  for (const name of GREEN)
    green.push(await seedLabDeployment(f.t.db, f.box, { ...f.lab, deployment: { ...f.lab.deployment, name } }));
  for (const id of green) {
    await seedLabResolvers(f.t.db, f.lab, id);
    await seedLabTurnCredentials(f.t.db, f.box, f.lab, id);
  }
  const never: string[] = [];
  for (const name of NEVER_POLLED) {
    const id = await seedLabDeployment(f.t.db, f.box, { ...f.lab, deployment: { ...f.lab.deployment, name } });
    never.push(...(await f.t.db.node.findMany({ where: { deploymentId: id }, select: { id: true } })).map((n) => n.id));
  }
  const all = (await f.t.db.node.findMany({ select: { id: true } }))
    .map((n) => n.id)
    .filter((id) => !never.includes(id));
  const live = all.filter((id) => !stale.includes(id));
  await f.poller.pollNow(all);
  timer = setInterval(() => void f.poller.pollNow(live), 10_000);
  // The probes run in the app's process (their results are kept there): as an engineer would.
  const engineer = await loginCookie(app.url, "engineer");
  for (const id of green) {
    const res = await fetch(`${app.url}/api/deployments/${id}/checks`, {
      method: "POST",
      headers: { cookie: engineer },
    });
    if (!res.ok) throw new Error(`probes of ${id}: ${res.status} ${await res.text()}`);
  }
  // Past three relay intervals (stale) and the first check recording (20 s).
  await new Promise((r) => setTimeout(r, 75_000));

  const { page } = labApp.browser!;
  const dir = path.resolve("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const shoot = async (name: string, url: string, width: number, height: number) => {
    await page.setViewportSize({ width, height });
    await page.goto(url);
    await page.getByTestId("deployment-tile").first().waitFor();
    await page.waitForTimeout(500);
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file });
    const boxes = await page
      .getByTestId("deployment-tile")
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
    const fit = boxes.filter((r) => r.bottom <= height).length;
    const sizes = [...new Set(boxes.map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`))];
    const font = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    console.log(
      `${file}: root ${font}; ${fit} of ${boxes.length} tiles fit without scrolling; tile sizes ${sizes.join(" ")}`,
    );
  };
  for (const theme of ["dark", "light"] as const) {
    if (theme === "light") {
      await page.goto(app.url);
      await page.getByRole("button", { name: "Switch light or dark theme" }).click();
    }
    const suffix = theme === "light" ? "-light" : "";
    for (const [w, h] of VIEWPORTS) await shoot(`wall-${w}x${h}${suffix}`, `${app.url}/?density=comfortable`, w, h);
    for (const [w, h] of COMPACT_VIEWPORTS)
      await shoot(`wall-compact-${w}x${h}${suffix}`, `${app.url}/?density=compact`, w, h);
  }
} finally {
  clearInterval(timer);
  await labApp.stop();
  for (const lab of labs) await lab.stop();
}
