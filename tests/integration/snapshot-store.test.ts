import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestSnapshots, storeSnapshot, storeSnapshots } from "@/lib/server/collectors/snapshot-store";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let nodeId: string;
beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "d", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  nodeId = (
    await t.db.node.create({
      data: {
        deploymentId: d.id,
        role: "EXPRESSWAY_C",
        name: "c",
        baseUrl: "https://127.0.0.1:1",
        username: "u",
        passwordEnc: "x",
      },
    })
  ).id;
});
afterAll(() => t?.cleanup());

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s));
const store = (s: number, content: unknown, source = "test.source") =>
  t.db.$transaction((tx) => storeSnapshot(t.db, tx, nodeId, source, at(s), content));
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
    expect(all.map((r) => [r.firstSeenAt.getUTCSeconds(), r.lastSeenAt.getUTCSeconds()])).toEqual([
      [0, 10],
      [20, 20],
      [30, 30],
    ]);
    expect(new Set(all.map((r) => r.contentHash)).size).toBe(2);
  });

  it("reads back the latest content with since and last seen", async () => {
    await store(40, { tunnels: [{ target: "e1", status: "Active" }] });
    expect((await latestSnapshots(t.db, [nodeId], "test.source")).get(nodeId)).toEqual({
      since: at(30).toISOString(),
      lastSeenAt: at(40).toISOString(),
      content: { tunnels: [{ status: "Active", target: "e1" }] },
    });
  });

  it("keeps sources apart", async () => {
    await store(50, { a: 1 }, "other.source");
    expect(await rows("other.source")).toHaveLength(1);
    expect((await latestSnapshots(t.db, [nodeId], "none")).get(nodeId) ?? null).toBeNull();
  });

  // The poller stores the snapshots of a whole commit group at once: the same rules per (node, source).
  it("stores many nodes and sources in one call: a row per change, a heartbeat at each one's own time otherwise", async () => {
    const d = await t.db.deployment.create({
      data: { name: "batch", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
    });
    const [n1, n2] = await Promise.all(
      ["b1", "b2"].map(
        async (name) =>
          (
            await t.db.node.create({
              data: {
                deploymentId: d.id,
                role: "CMS",
                name,
                baseUrl: "https://127.0.0.1:1",
                username: "u",
                passwordEnc: "x",
              },
            })
          ).id,
      ),
    );
    const batch = (writes: Array<[string, string, number, unknown]>) =>
      t.db.$transaction((tx) =>
        storeSnapshots(
          t.db,
          tx,
          writes.map(([node, source, s, content]) => ({ nodeId: node, source, at: at(s), content })),
        ),
      );
    const of = (node: string, source: string) =>
      t.db.snapshot.findMany({ where: { nodeId: node, source }, orderBy: { id: "asc" } });

    expect(
      await batch([
        [n1!, "s.a", 0, { v: 1 }],
        [n1!, "s.b", 1, { v: 1 }],
        [n2!, "s.a", 2, { v: 1 }],
      ]),
    ).toEqual(["changed", "changed", "changed"]);
    expect(
      await batch([
        [n1!, "s.a", 10, { v: 1 }],
        [n1!, "s.b", 11, { v: 2 }],
        [n2!, "s.a", 12, { v: 1 }],
      ]),
    ).toEqual(["unchanged", "changed", "unchanged"]);
    expect((await of(n1!, "s.a")).map((r) => [r.firstSeenAt, r.lastSeenAt])).toEqual([[at(0), at(10)]]);
    expect((await of(n2!, "s.a")).map((r) => [r.firstSeenAt, r.lastSeenAt])).toEqual([[at(2), at(12)]]);
    expect((await of(n1!, "s.b")).map((r) => JSON.parse(r.content))).toEqual([{ v: 1 }, { v: 2 }]);

    // One (node, source) twice in a call: stored in order, as two calls would.
    expect(
      await batch([
        [n2!, "s.a", 20, { v: 3 }],
        [n2!, "s.a", 21, { v: 3 }],
        [n2!, "s.a", 22, { v: 1 }],
      ]),
    ).toEqual(["changed", "unchanged", "changed"]);
    expect((await of(n2!, "s.a")).map((r) => [JSON.parse(r.content).v, r.firstSeenAt, r.lastSeenAt])).toEqual([
      [1, at(2), at(12)],
      [3, at(20), at(21)],
      [1, at(22), at(22)],
    ]);
  });
});
