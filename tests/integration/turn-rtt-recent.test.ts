import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTurnRttRecent } from "@/lib/server/history/turn-rtt-recent";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let deploymentId: string;
let cms: string;
const NOW = Date.UTC(2026, 10, 24, 10, 0, 30); // 30 s into a minute

beforeAll(async () => {
  t = await createTestDb();
  const node = (deploymentId: string, name: string) => t.db.node.create({ data: { deploymentId, role: "CMS", name, baseUrl: "https://192.0.2.20", username: "u", passwordEnc: "x" } });
  const d = await t.db.deployment.create({ data: { name: "D", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" } });
  const other = await t.db.deployment.create({ data: { name: "Other", joinUrl: "wb.example.org", callBridgeDomain: "example.org" } });
  deploymentId = d.id;
  cms = (await node(d.id, "cms")).id;
  const foreign = (await node(other.id, "cms-other")).id;
  const at = (msAgo: number) => new Date(NOW - msAgo);
  const rows = [
    // This minute: two samples for 10.0.0.36, avg 3, peak 4
    { nodeId: cms, turnServerId: "ts1", hostAddress: "10.0.0.36", ts: at(10_000), rttMs: 2 },
    { nodeId: cms, turnServerId: "ts1", hostAddress: "10.0.0.36", ts: at(20_000), rttMs: 4 },
    // 5 minutes ago: no answer (null RTT) → a gap, but the line exists
    { nodeId: cms, turnServerId: "ts2", hostAddress: "10.0.0.37", ts: at(5 * 60_000), rttMs: null },
    { nodeId: cms, turnServerId: "ts2", hostAddress: "10.0.0.37", ts: at(60_000), rttMs: 7.25 },
    // Older than the hour, and another deployment's node: left out
    { nodeId: cms, turnServerId: "ts1", hostAddress: "10.0.0.36", ts: at(61 * 60_000), rttMs: 99 },
    { nodeId: foreign, turnServerId: "tsX", hostAddress: "10.9.9.9", ts: at(10_000), rttMs: 1 },
  ];
  await t.db.turnServerSample.createMany({ data: rows.map((r) => ({ ...r, allocations: 0 })) });
});
afterAll(() => t?.cleanup());

describe("recent TURN RTT for the sparklines", () => {
  it("buckets per minute, 60 points for an hour, avg and peak per host, null where CMS had no RTT", async () => {
    const r = await getTurnRttRecent(t.db, deploymentId, 60, NOW);
    expect(r.bucketMs).toBe(60_000);
    expect(r.points).toHaveLength(60);
    expect(r.lines.map((l) => [l.turnServerId, l.hostAddress, l.nodeId])).toEqual([["ts2", "10.0.0.37", cms], ["ts1", "10.0.0.36", cms]]);
    const key = (host: string) => r.lines.find((l) => l.hostAddress === host)!.key;
    const last = r.points[59]!;
    expect(last.t).toBe(Math.floor(NOW / 60_000) * 60_000);
    expect(last[`${key("10.0.0.36")}__avg`]).toBe(3);
    expect(last[`${key("10.0.0.36")}__peak`]).toBe(4);
    expect(r.points[58]![`${key("10.0.0.37")}__avg`]).toBe(7.3);
    expect(r.points.filter((p) => p[`${key("10.0.0.37")}__avg`] !== null)).toHaveLength(1);
    expect(r.points.some((p) => p[`${key("10.0.0.36")}__peak`] === 99)).toBe(false);
  });

  it("keeps a longer range within 60 points", async () => {
    const r = await getTurnRttRecent(t.db, deploymentId, 6 * 60, NOW);
    expect(r.bucketMs).toBe(15 * 60_000);
    expect(r.points).toHaveLength(24);
  });
});
