import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox, parseKey } from "@/lib/server/crypto/secret-box";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer } from "../support/app-server";
import { createTestDb, type TestDb } from "../support/test-db";

const key = crypto.randomBytes(32).toString("hex");
const ENV = () => ({
  DATABASE_URL: t.url,
  EDGESCOPE_SECRET_KEY: key,
  EDGESCOPE_RELAY_INTERVAL_MS: "1000",
  EDGESCOPE_TICK_MS: "100",
  EDGESCOPE_HTTP_TIMEOUT_MS: "800",
});
let t: TestDb;
let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
  t = await createTestDb();
  await seedLabDeployment(t.db, new SecretBox(parseKey(key)), lab);
  await t.db.$disconnect(); // only the server writes from here on
  await lab.setFault("slow-body", "vcs-e2"); // keeps one node's cycle in flight most of the time
});
afterAll(async () => {
  await lab?.stop();
  await t?.cleanup();
});

/** Reads with its own connection, as another process would. */
function read<T>(sql: string): T[] {
  const db = new Database(t.file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
const sampleRows = () =>
  read<{ id: number; node_id: string; ts: number; current: number }>(
    "SELECT id, node_id, ts, current FROM turn_relay_sample",
  );
const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** One poll cycle is one transaction: an ok attempt always has its sample, and a sample its attempt. */
function expectCyclesAtomic() {
  const orphans = read<{ n: number }>(`
    SELECT (SELECT COUNT(*) FROM poll_run p WHERE p.source = 'expressway-e.turn-relays' AND p.outcome = 'ok'
              AND NOT EXISTS (SELECT 1 FROM turn_relay_sample s WHERE s.node_id = p.node_id AND s.ts = p.finished_at))
         + (SELECT COUNT(*) FROM turn_relay_sample s
              WHERE NOT EXISTS (SELECT 1 FROM poll_run p WHERE p.node_id = s.node_id AND p.finished_at = s.ts AND p.outcome = 'ok')) AS n`);
  expect(orphans[0]!.n).toBe(0);
}

describe("storage survives crashes", () => {
  it("keeps every committed sample through repeated SIGKILLs mid-polling, and polling resumes", async () => {
    for (let round = 0; round < 3; round++) {
      const app = await startAppServer(ENV());
      const before = sampleRows().length;
      await waitFor(() => sampleRows().length >= before + 3, 20_000);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1000))); // land anywhere in a cycle
      const committed = sampleRows();
      await app.stop("SIGKILL");

      const after = new Map(sampleRows().map((s) => [s.id, s]));
      for (const s of committed) expect(after.get(s.id)).toEqual(s);
      expect(read<{ integrity_check: string }>("PRAGMA integrity_check")[0]!.integrity_check).toBe("ok");
      expectCyclesAtomic();
    }
    const app = await startAppServer(ENV());
    const restartedAt = Date.now();
    await waitFor(() => sampleRows().some((s) => s.ts > restartedAt), 20_000);
    await app.stop();
  });

  it("on SIGTERM stops polling, finishes its writes and exits 0", async () => {
    const app = await startAppServer(ENV());
    const before = sampleRows().length;
    await waitFor(() => sampleRows().length >= before + 3, 20_000);
    const code = await app.stop("SIGTERM");
    expect(code).toBe(0);
    expect(app.output()).toContain("[edgescope] SIGTERM: stopping the poller and finishing writes");
    expect(app.output()).toContain("[edgescope] stopped cleanly");
    expectCyclesAtomic();
    const settled = sampleRows().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(sampleRows().length).toBe(settled); // nothing polls after exit
  });

  it("makes a consistent online backup while the server writes", async () => {
    const app = await startAppServer(ENV());
    try {
      await waitFor(() => sampleRows().length > 0, 20_000);
      const dest = `${t.dir}/backup.db`;
      const out = execFileSync("npm", ["run", "--silent", "backup", "--", dest], {
        env: { ...process.env, DATABASE_URL: t.url },
        encoding: "utf8",
      });
      expect(out).toMatch(/Backup written: .*backup\.db/);
      const copy = new Database(dest, { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect((copy.prepare("SELECT COUNT(*) AS n FROM turn_relay_sample").get() as { n: number }).n).toBeGreaterThan(0);
      expect((copy.prepare("SELECT COUNT(*) AS n FROM node").get() as { n: number }).n).toBe(4);
      copy.close();
      expect(fs.statSync(dest).size).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });
});
