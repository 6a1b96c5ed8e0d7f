import "server-only";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { startLab } from "@/lib/server/lab/lab";
import { ensureDemoUsers } from "./demo-users";
import { DEMO_HISTORY_DAYS } from "@/lib/domain/demo-history";
import { seedDemoHistory } from "./seed-history";
import { seedLabAlerting } from "./seed-alerts";
import { seedLabDeployment, seedLabResolvers, seedLabTurnCredentials } from "./seed-lab";

// npm run demo: migrate, start the lab, seed its deployment, build if needed, serve on PORT.

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const labPort = Number(process.env.EDGESCOPE_LAB_PORT ?? 4470);
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`\n"${[path.basename(cmd), ...args].join(" ")}" failed (exit ${r.status}); see the output above.`);
    process.exit(1);
  }
}

/** True when a source file is newer than the last production build. */
function buildIsStale(): boolean {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      if (e.name === "generated" || e.name === "node_modules") return false;
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return ["app", "components", "lib"].some((d) => newer(path.join(root, d)));
}

getEnv();
run(process.execPath, [path.join(root, "prisma", "migrate.mjs"), "deploy"]);
const lab = await startLab({ basePort: labPort, stateDir: path.join(root, "data", "lab") });
const deploymentId = await seedLabDeployment(getDb(), getSecretBox(), lab);
await seedLabTurnCredentials(getDb(), getSecretBox(), lab, deploymentId);
await seedLabResolvers(getDb(), lab, deploymentId);
const history = await seedDemoHistory(getDb(), deploymentId);
console.log(
  history.seeded
    ? `Seeded ${DEMO_HISTORY_DAYS} days of demo history in ${(history.ms / 1000).toFixed(1)} s`
    : "Demo history already seeded (kept as it is)",
);
await seedLabAlerting(getDb(), getSecretBox(), lab.controlUrl, deploymentId);
const creds = await ensureDemoUsers(getDb(), path.join(root, "data"));
await getDb().$disconnect();
if (buildIsStale()) run(bin("next"), ["build"]);

const server = spawn(bin("next"), ["start", "-p", String(port)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    EDGESCOPE_PUBLIC_URL: `http://localhost:${port}`,
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "1",
  },
});
console.log(`
Edgescope demo
  Dashboard     http://localhost:${port}
  Lab control   ${lab.controlUrl}   (try: npm run lab -- fault malformed-xml vcs-e1; npm run lab -- clear)
  Lab nodes     ${lab.nodes.map((n) => `${n.key} ${n.url}`).join(", ")}
  Lab TURN      ${lab.nodes.flatMap((n) => (n.turn ? [`${n.key} ${n.turn.server} (UDP+TCP)`] : [])).join(", ")}   (try: npm run lab -- fault turn-down vcs-e1)
  Lab DNS       inside ${lab.dns.inside}, outside ${lab.dns.outside} (UDP+TCP)   (try: npm run lab -- fault dns-outside-missing)
  Alerts        every lab failure goes to the lab's webhook receiver (~1–2 min after a fault): npm run lab -- notifications
  Log in as     admin / ${creds.admin}    engineer / ${creds.engineer}    viewer / ${creds.viewer}
                (kept in data/demo-credentials.json; change them under Users)
`);

const stop = async () => {
  server.kill("SIGTERM");
  await lab.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
server.on("exit", (code) => {
  void lab.stop().then(() => process.exit(code ?? 0));
});
