import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleRecord } from "@/lib/server/poller/cycle-writer";
import { GroupCommit } from "@/lib/server/poller/group-commit";
import { createTestDb, type TestDb } from "../support/test-db";

// Group commit writes node cycles that finish together in one transaction. What the poller relies
// on: every cycle's rows land, and a cycle that cannot be written costs no other node its cycle.

let t: TestDb;
const nodes: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "d", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  for (const name of ["e1", "e2", "e3"]) {
    nodes.push(
      (
        await t.db.node.create({
          data: {
            deploymentId: d.id,
            role: "EXPRESSWAY_E",
            name,
            baseUrl: "https://127.0.0.1:1",
            username: "u",
            passwordEnc: "x",
          },
        })
      ).id,
    );
  }
});
afterAll(() => t?.cleanup());

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
function record(nodeId: string, s: number, current: number): CycleRecord {
  const at = new Date(T0 + s * 1000);
  return {
    nodeId,
    runs: [{ source: "expressway-e.turn-relays", startedAt: at, finishedAt: at, outcome: "ok", message: null }],
    snapshots: [{ nodeId, source: "test.source", at, content: { current } }],
    samples: [
      {
        turnRelaySample: [{ nodeId, ts: at, current, peak: current, total: current }],
        turnPortSample: [{ nodeId, ts: at, port: 3478, count: current }],
      },
    ],
    rollups: [{ nodeId, at, points: [{ series: "relay", value: current }] }],
  };
}
const stored = async (nodeId: string) => ({
  runs: await t.db.pollRun.count({ where: { nodeId } }),
  relay: await t.db.turnRelaySample.count({ where: { nodeId } }),
  ports: await t.db.turnPortSample.count({ where: { nodeId } }),
  snapshots: await t.db.snapshot.count({ where: { nodeId } }),
  minuteRollups: await t.db.rollupMinute.count({ where: { nodeId } }),
});

describe("group commit", () => {
  it("writes every row of cycles submitted together", async () => {
    const g = new GroupCommit(t.db);
    await Promise.all(nodes.map((n, i) => g.write(record(n, i, 10 + i))));
    for (const n of nodes)
      expect(await stored(n)).toEqual({ runs: 1, relay: 1, ports: 1, snapshots: 1, minuteRollups: 1 });
    const relay = await t.db.rollupMinute.findMany({ where: { series: "relay" }, orderBy: { sum: "asc" } });
    expect(relay.map((r) => r.sum)).toEqual([10, 11, 12]);
  });

  it("commits the other cycles of a group when one cannot be written, and fails only that one", async () => {
    const g = new GroupCommit(t.db);
    const gone = "node-deleted-while-polled"; // its rows break the foreign key, as for a node deleted mid-cycle
    const results = await Promise.allSettled([
      g.write(record(nodes[0]!, 60, 20)),
      g.write(record(gone, 60, 20)),
      g.write(record(nodes[1]!, 60, 21)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await stored(nodes[0]!)).toMatchObject({ runs: 2, relay: 2, ports: 2 });
    expect(await stored(nodes[1]!)).toMatchObject({ runs: 2, relay: 2, ports: 2 });
    expect(await stored(gone)).toEqual({ runs: 0, relay: 0, ports: 0, snapshots: 0, minuteRollups: 0 });
    expect(await stored(nodes[2]!)).toMatchObject({ runs: 1, relay: 1 }); // untouched
  });

  it("settles every write, and keeps writing after a group that failed entirely", async () => {
    const g = new GroupCommit(t.db);
    const bad = await Promise.allSettled(["gone-1", "gone-2"].map((n) => g.write(record(n, 120, 1))));
    expect(bad.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    await g.write(record(nodes[2]!, 120, 30));
    expect(await stored(nodes[2]!)).toMatchObject({ runs: 2, relay: 2 });
  });
});
