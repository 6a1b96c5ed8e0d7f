import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestSnapshot, storeSnapshot } from "@/lib/server/collectors/snapshot-store";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let nodeId: string;
beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({ data: { name: "d", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" } });
  nodeId = (await t.db.node.create({ data: { deploymentId: d.id, role: "EXPRESSWAY_C", name: "c", baseUrl: "https://127.0.0.1:1", username: "u", passwordEnc: "x" } })).id;
});
afterAll(() => t?.cleanup());

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s));
const store = (s: number, content: unknown, source = "test.source") => t.db.$transaction((tx) => storeSnapshot(tx, nodeId, source, at(s), content));
const rows = (source = "test.source") => t.db.snapshot.findMany({ where: { nodeId, source }, orderBy: { id: "asc" } });

describe("snapshot store: a row per change, a heartbeat otherwise", () => {
  it("writes the first content as a row", async () => {
    expect(await store(0, { tunnels: [{ target: "e1", status: "Active" }] })).toBe("changed");
    expect(await rows()).toHaveLength(1);
  });

  it("only moves lastSeenAt when the content is unchanged (whatever the key order)", async () => {
    expect(await store(10, { tunnels: [{ status: "Active", target: "e1" }] })).toBe("unchanged");
    const [only] = await rows();
    expect(await rows()).toHaveLength(1);
    expect(only!.firstSeenAt).toEqual(at(0));
    expect(only!.lastSeenAt).toEqual(at(10));
  });

  it("writes a new row when the content changes, and again when it changes back", async () => {
    expect(await store(20, { tunnels: [{ target: "e1", status: "Inactive" }] })).toBe("changed");
    expect(await store(30, { tunnels: [{ target: "e1", status: "Active" }] })).toBe("changed");
    const all = await rows();
    expect(all.map((r) => [r.firstSeenAt.getUTCSeconds(), r.lastSeenAt.getUTCSeconds()])).toEqual([[0, 10], [20, 20], [30, 30]]);
    expect(new Set(all.map((r) => r.contentHash)).size).toBe(2);
  });

  it("reads back the latest content with since and last seen", async () => {
    await store(40, { tunnels: [{ target: "e1", status: "Active" }] });
    expect(await latestSnapshot(t.db, nodeId, "test.source")).toEqual({ since: at(30).toISOString(), lastSeenAt: at(40).toISOString(), content: { tunnels: [{ status: "Active", target: "e1" }] } });
  });

  it("keeps sources apart", async () => {
    await store(50, { a: 1 }, "other.source");
    expect(await rows("other.source")).toHaveLength(1);
    expect(await latestSnapshot(t.db, nodeId, "none")).toBeNull();
  });
});
