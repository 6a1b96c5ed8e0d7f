import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deploy } from "../../prisma/migrate.mjs";
import { createDb, type Db } from "@/lib/server/db/client";

/** A migrated SQLite file in a temp folder with one deployment of `nodes` Expressway-E nodes. */
export async function benchDb(
  nodes: number,
): Promise<{ db: Db; file: string; deploymentId: string; nodeIds: string[]; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgescope-bench-"));
  const file = path.join(dir, "bench.db");
  await deploy(`file:${file}`);
  const db = createDb(`file:${file}`);
  const d = await db.deployment.create({
    data: { name: "bench", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  const nodeIds: string[] = [];
  for (let i = 0; i < nodes; i++) {
    nodeIds.push(
      (
        await db.node.create({
          data: {
            deploymentId: d.id,
            role: "EXPRESSWAY_E",
            name: `e${String(i).padStart(3, "0")}`,
            baseUrl: "https://127.0.0.1:9",
            username: "u",
            passwordEnc: "x",
          },
        })
      ).id,
    );
  }
  return {
    db,
    file,
    deploymentId: d.id,
    nodeIds,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Relay count at a time: a working-day curve with noise, like the lab. */
export const relaysAt = (ms: number, node: number) =>
  Math.max(
    0,
    Math.round(300 * Math.sin((((ms / 3_600_000) % 24) / 24) * Math.PI) ** 2 + ((node * 7 + ms / 10_000) % 13)),
  );
