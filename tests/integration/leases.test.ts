import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LeaseKeeper } from "@/lib/server/poller/leases";
import { createTestDb, type TestDb } from "../support/test-db";

// The lease rules on a real database (SQLite here, PostgreSQL in the integration-pg project),
// with a hand-driven clock. The two-instance test shows the same with real servers.

const LEASE_MS = 10_000;
let t: TestDb;
let clock = Date.UTC(2026, 10, 25, 12);
const now = () => new Date(clock);
const NODES = ["n1", "n2", "n3", "n4", "n5"];
const keeper = (id: string) => new LeaseKeeper(t.db, id, LEASE_MS, now);
const none = new Set<string>();
const holders = async () =>
  Object.fromEntries((await t.db.pollLease.findMany({ orderBy: { nodeId: "asc" } })).map((l) => [l.nodeId, l.holder]));

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.cleanup());
beforeEach(async () => {
  await t.db.pollLease.deleteMany();
  await t.db.pollerInstance.deleteMany();
});

describe("poll leases", () => {
  it("gives a lone instance every node, then shares them fairly when a second one starts", async () => {
    const a = keeper("a");
    expect((await a.sync(NODES, none)).held.size).toBe(5);
    const b = keeper("b");
    expect((await b.sync(NODES, none)).held.size).toBe(0); // everything is held by a
    expect((await a.sync(NODES, none)).held.size).toBe(3); // a sees b: share is ceil(5 / 2)
    expect((await b.sync(NODES, none)).taken).toHaveLength(2);
    const h = await holders();
    expect(Object.keys(h)).toEqual(NODES);
    expect(Object.values(h).filter((x) => x === "a")).toHaveLength(3);
    expect(a.state()).toMatchObject({ instanceId: "a", nodesHeld: 3, liveInstances: 2, leaseMs: LEASE_MS });
  });

  it("never releases a node whose cycle is in flight", async () => {
    const a = keeper("a");
    await a.sync(NODES, none);
    const b = keeper("b");
    await b.sync(NODES, none);
    const held = await a.sync(NODES, new Set(NODES)); // every node busy
    expect(held.held.size).toBe(5);
    expect((await b.sync(NODES, none)).held.size).toBe(0);
  });

  it("takes over a dead instance's nodes once its leases expire, not before", async () => {
    const a = keeper("a");
    const b = keeper("b");
    await a.sync(NODES, none);
    await b.sync(NODES, none);
    await a.sync(NODES, none);
    await b.sync(NODES, none);
    const ofB = Object.entries(await holders())
      .filter(([, h]) => h === "b")
      .map(([n]) => n);
    // b dies: a keeps ticking (and renewing its own leases).
    for (let elapsed = 1000; elapsed < LEASE_MS; elapsed += 1000) {
      clock += 1000;
      expect((await a.sync(NODES, none)).held.size).toBe(3);
    }
    clock += 1000;
    const after = await a.sync(NODES, none);
    expect(after.held.size).toBe(5);
    expect(after.taken.sort()).toEqual(ofB.sort());
    expect(a.state().liveInstances).toBe(1);
  });

  it("gives each node to exactly one of several instances starting at the same moment", async () => {
    const ks = ["a", "b", "c"].map(keeper);
    await Promise.all(ks.map((k) => k.sync(NODES, none))); // all race for free nodes
    for (let round = 0; round < 3; round++) await Promise.all(ks.map((k) => k.sync(NODES, none)));
    const held = await Promise.all(ks.map((k) => k.sync(NODES, none)));
    const all = held.flatMap((h) => [...h.held]);
    expect(all.sort()).toEqual(NODES); // each node once, none twice
    expect(Math.max(...held.map((h) => h.held.size))).toBe(2); // ceil(5 / 3)
  });

  it("drops its lease on a deleted node, and hands everything back on a clean stop", async () => {
    const a = keeper("a");
    await a.sync(NODES, none);
    // n0 was deleted while its holder was down; n1 is deleted now.
    await t.db.pollLease.create({ data: { nodeId: "n0", holder: "dead", expiresAt: new Date(clock - 1) } });
    await a.sync(NODES.slice(1), none);
    expect(Object.keys(await holders())).toEqual(NODES.slice(1));
    await a.releaseAll();
    expect(await holders()).toEqual({});
    expect(await t.db.pollerInstance.count()).toBe(0);
  });
});
