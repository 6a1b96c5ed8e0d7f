import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deploy } from "../../prisma/migrate.mjs";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { createDb } from "@/lib/server/db/client";
import type { BenchRow } from "./bench-types";

const GOAL_ROWS_PER_SEC = 50_000;
const ROWS = 200_000;
/** Rows per transaction: what one poll cycle over ~500 nodes writes at most. */
const BATCH = 1000;

/** P2: sample rows per second into a real SQLite file through Prisma, as the poller writes them. */
export async function benchIngest(): Promise<BenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await deploy(url);
  const db = createDb(url);
  try {
    const d = await db.deployment.create({
      data: { name: "bench", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
    });
    const nodes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.node.create({
          data: {
            deploymentId: d.id,
            role: "EXPRESSWAY_E",
            name: `e${i}`,
            baseUrl: "https://127.0.0.1:9",
            username: "u",
            passwordEnc: "x",
          },
        }),
      ),
    );
    const t0 = Date.now() - ROWS * 1000;
    const started = performance.now();
    for (let i = 0; i < ROWS; i += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, j) => [
        nodes[(i + j) % nodes.length]!.id,
        new Date(t0 + (i + j) * 1000),
        j % 100,
        100,
        i + j,
      ]);
      await db.$transaction((tx) =>
        insertRows(db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total"], rows, tx),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    if ((await db.turnRelaySample.count()) !== ROWS) throw new Error("P2: not every row was stored");
    const rate = ROWS / seconds;
    return {
      id: "P2",
      what: "sample ingest into SQLite (insertRows through Prisma, 1000 rows per transaction)",
      goal: `≥ ${GOAL_ROWS_PER_SEC.toLocaleString("en-US")} rows/s`,
      measured: `${Math.round(rate).toLocaleString("en-US")} rows/s`,
      met: rate >= GOAL_ROWS_PER_SEC,
      raw: { rows: ROWS, seconds: Number(seconds.toFixed(3)) },
    };
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
