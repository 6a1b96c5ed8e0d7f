import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { RETENTION_BATCH, runRetention } from "@/lib/server/db/retention";
import { getSettings, updateSettings } from "@/lib/server/settings/settings-store";
import { createTestDb, type TestDb } from "../support/test-db";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);
let t: TestDb;
let nodeId: string;

beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "R", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  nodeId = (
    await t.db.node.create({
      data: {
        deploymentId: d.id,
        role: "EXPRESSWAY_E",
        name: "e",
        baseUrl: "https://192.0.2.1",
        username: "u",
        passwordEnc: "x",
      },
    })
  ).id;
});
afterAll(() => t?.cleanup());

describe("retention", () => {
  it("keeps settings with defaults and validates changes", async () => {
    expect(await getSettings(t.db)).toEqual({
      rawSampleRetentionDays: 30,
      rollupMinuteRetentionDays: 14,
      rollup5MinuteRetentionDays: 30,
      rollup15MinuteRetentionDays: 90,
      rollupHourRetentionDays: 400,
      rollup6HourRetentionDays: 730,
      rollupDayRetentionDays: 1825,
      pollRunRetentionDays: 30,
      auditRetentionDays: 365,
    });
    expect((await updateSettings(t.db, { rawSampleRetentionDays: 7 })).rawSampleRetentionDays).toBe(7);
    await expect(updateSettings(t.db, { auditRetentionDays: 3 })).rejects.toThrow(/At least 30 days/);
  });

  it("deletes only what is older than the limits, in batches, while another connection keeps writing", async () => {
    const old = 2 * RETENTION_BATCH + 123;
    const rows = Array.from({ length: old }, (_, i) => ({
      nodeId,
      ts: new Date(NOW - 8 * DAY - i * 1000),
      current: 1,
      peak: 1,
      total: 1,
    }));
    rows.push(
      ...Array.from({ length: 50 }, (_, i) => ({
        nodeId,
        ts: new Date(NOW - 6 * DAY + i * 1000),
        current: 2,
        peak: 2,
        total: 2,
      })),
    );
    await t.db.turnRelaySample.createMany({ data: rows });
    await t.db.pollRun.createMany({
      data: [
        {
          nodeId,
          source: "s",
          startedAt: new Date(NOW - 40 * DAY),
          finishedAt: new Date(NOW - 40 * DAY),
          outcome: "ok",
        },
        { nodeId, source: "s", startedAt: new Date(NOW - 1 * DAY), finishedAt: new Date(NOW - 1 * DAY), outcome: "ok" },
      ],
    });
    await t.db.auditLog.createMany({
      data: [
        { ts: new Date(NOW - 400 * DAY), action: "old" },
        { ts: new Date(NOW - 10 * DAY), action: "recent" },
      ],
    });

    // A second connection plays the poller: it must keep committing while retention runs.
    const poller = createDb(t.url);
    let writes = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        await poller.turnRelaySample.create({ data: { nodeId, ts: new Date(NOW), current: 9, peak: 9, total: 9 } });
        writes++;
        // better-sqlite3 is synchronous: like the real poller, yield to the event loop between writes.
        await new Promise((r) => setImmediate(r));
      }
    })();
    const deleted = await runRetention(t.db, await getSettings(t.db), new Date(NOW));
    stop = true;
    await writer;
    await poller.$disconnect();

    expect(deleted.turn_relay_sample).toBe(old);
    expect(deleted.poll_run).toBe(1);
    expect(deleted.audit_log).toBe(1);
    expect(await t.db.turnRelaySample.count({ where: { current: 2 } })).toBe(50);
    expect(await t.db.turnRelaySample.count({ where: { current: 1 } })).toBe(0);
    expect(await t.db.auditLog.findMany({ select: { action: true } })).toEqual([{ action: "recent" }]);
    expect(writes).toBeGreaterThan(0); // the writer made progress during the batched deletes
    expect(await t.db.turnRelaySample.count({ where: { current: 9 } })).toBe(writes);
  });
});
