import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deploy } from "../../prisma/migrate.mjs";
import { parseEnv } from "@/lib/env";
import { COLLECTORS } from "@/lib/server/collectors";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createDb } from "@/lib/server/db/client";
import { seedLabAlerting } from "@/lib/server/demo/seed-alerts";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { JOBS, startJobs } from "@/lib/server/jobs";
import { startLab } from "@/lib/server/lab/lab";
import { Poller } from "@/lib/server/poller/poller";
import { closeAgents } from "@/lib/server/transport/agent-pool";
import type { BenchRow } from "./bench-types";

// P8: time from a lab fault to the alert arriving at a webhook, at default settings (poll
// intervals, the rule's default pending time, the alert tick), the demo's way: the lab's own
// receiver behind a webhook channel. The goal: ≤ 2 poll intervals + pending time + 5 s.

export async function benchAlertLatency(): Promise<BenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-bench-alert-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await deploy(url);
  const db = createDb(url);
  const key = crypto.randomBytes(32);
  const box = new SecretBox(key);
  const env = parseEnv({ DATABASE_URL: url, EDGESCOPE_SECRET_KEY: key.toString("hex") });
  const lab = await startLab();
  const poller = new Poller({ db, box, env, collectors: COLLECTORS });
  let stopJobs = () => undefined as void;
  try {
    const deploymentId = await seedLabDeployment(db, box, lab);
    await seedLabAlerting(db, box, lab.controlUrl, deploymentId);
    poller.start();
    // The alert jobs as a server runs them (retention, probes and recorder play no part here).
    stopJobs = startJobs(
      { db, env, box, instanceId: "bench", log: () => undefined },
      JOBS.filter((j) => j.name === "alert-evaluator" || j.name === "alert-sender"),
    );
    await new Promise((r) => setTimeout(r, 5_000)); // first polls land
    const faultAt = Date.now();
    await lab.setFault("malformed-xml", "vcs-e1");
    let arrivedAt: number | null = null;
    const limitMs = 10 * 60_000;
    while (arrivedAt === null && Date.now() - faultAt < limitMs) {
      const { notifications } = (await (await fetch(`${lab.controlUrl}/notifications`)).json()) as {
        notifications: { at: string; body: { event?: string } }[];
      };
      const firing = notifications.find((n) => n.body.event === "firing");
      if (firing) arrivedAt = Date.parse(firing.at);
      else await new Promise((r) => setTimeout(r, 250));
    }
    const pollMs = env.EDGESCOPE_STATUS_INTERVAL_MS;
    const goalMs = 2 * pollMs + 2 * pollMs + 5_000; // default pending time = 2 status intervals
    const ms = arrivedAt === null ? null : arrivedAt - faultAt;
    return {
      id: "P8",
      what: "lab fault (malformed-xml vcs-e1) → firing webhook at the lab receiver, default settings",
      goal: `≤ ${goalMs / 1000} s (2 polls + pending + 5 s)`,
      measured: ms === null ? null : `${(ms / 1000).toFixed(1)} s`,
      met: ms === null ? false : ms <= goalMs,
      note:
        ms === null
          ? "no alert within 10 min"
          : `relay ${env.EDGESCOPE_RELAY_INTERVAL_MS / 1000} s / status ${pollMs / 1000} s polls, pending ${(2 * pollMs) / 1000} s, alert tick ${env.EDGESCOPE_ALERT_TICK_MS / 1000} s`,
      raw: { ms: ms ?? -1, goalMs },
    };
  } finally {
    stopJobs();
    await poller.stop();
    await lab.stop();
    await closeAgents();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
