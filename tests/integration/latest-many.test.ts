import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NodeRole } from "@/lib/domain/types";
import { COLLECTORS } from "@/lib/server/collectors";
import { addSourceRows, writeCycles, type CycleRecord } from "@/lib/server/poller/cycle-writer";
import EXPECTED from "../fixtures/latest-many.json";
import { createTestDb, type TestDb } from "../support/test-db";

// latestMany (the one read of stored values: the board reads every node at once, a status page a
// batch of one), on rows the collectors stored themselves: several polls, unchanged and changed
// content, a Large VM's many relay ports and a CMS's several TURN hosts per poll, and nodes with
// nothing stored. The expected values (fixtures/latest-many.json, per collector and node name)
// were read from the same rows by the former per-node read, before it was removed.

let t: TestDb;
const nodes: { id: string; role: NodeRole; name: string }[] = [];
beforeAll(async () => {
  t = await createTestDb();
  const d = await t.db.deployment.create({
    data: { name: "d", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  const roles: NodeRole[] = ["EXPRESSWAY_C", "EXPRESSWAY_E", "CMS"];
  for (const [i, role] of [...roles, ...roles, ...roles].entries())
    nodes.push(
      await t.db.node.create({
        data: {
          deploymentId: d.id,
          role,
          name: `n${i}`,
          baseUrl: "https://127.0.0.1:1",
          username: "u",
          passwordEnc: "x",
        },
        select: { id: true, role: true, name: true },
      }),
    );
});
afterAll(() => t?.cleanup());

/** A value for each source at poll `k` of node `n`: content changes every other poll. */
function sourceValue(source: string, n: number, k: number): unknown {
  const v = n * 10 + Math.floor(k / 2);
  switch (source) {
    case "expressway-e.turn-relays":
      // Listed high port first: the read must give them in port order.
      return {
        current: v + k,
        peak: 50,
        total: 900 + k,
        serverStatus: k % 2 ? "Active" : "Inactive",
        ports: [3480, 3479, 3478].map((port, i) => ({ port, count: v + i, udp: i === 1 ? null : i, tcp: k })),
      };
    case "cms.turn-servers":
      return {
        turnServers: [
          {
            id: "ts-b",
            serverAddress: `192.0.2.${v % 250}`,
            hosts: [
              { address: "198.51.100.2", rttMs: 12.5 + k, allocations: k },
              { address: "198.51.100.1", rttMs: null, allocations: null },
            ],
          },
          {
            id: "ts-a",
            serverAddress: "192.0.2.1",
            hosts: k === 2 ? null : [{ address: "198.51.100.3", rttMs: 3, allocations: 1 }],
          },
        ],
      };
    case "cms.system":
      return {
        softwareVersion: `3.${v}`,
        activated: true,
        clusterEnabled: null,
        uptimeSeconds: 100 * k,
        callLegsActive: k === 1 ? null : k,
      };
    case "expressway.system":
      return {
        product: "TANDBERG",
        version: `X15.${v}`,
        build: null,
        releaseDate: null,
        versionFrom: "SystemUnit",
        uptimeSeconds: 100 * k,
      };
    case "cms.load":
      return {
        mediaProcessingLoad: v * 10,
        loadLimit: k === 3 ? null : 1000,
        newConferenceBasisPoints: 5000,
        existingConferenceBasisPoints: 8000,
      };
    case "expressway.call-licences":
      // A version without a non-traversal count: nulls are stored as such.
      return {
        traversal: { current: v, peak: v + 1, licensed: 50 },
        nonTraversal: { current: null, peak: null, licensed: null },
      };
    default:
      return { items: [v, "same"] };
  }
}

describe("latestMany", () => {
  it("exists on every collector, so the board never reads node by node", () => {
    expect(COLLECTORS.filter((c) => !c.latestMany).map((c) => c.id)).toEqual([]);
  });

  it("gives for every node its stored value, nodes with nothing stored left out", async () => {
    const start = Date.UTC(2026, 10, 24, 10, 0, 0);
    // The first of each role gets nothing; the others three polls, 10 s apart.
    const withData = nodes.filter((n) => nodes.find((m) => m.role === n.role) !== n);
    // Written the way the poller writes: each node's cycle as a record, a poll's records in one transaction.
    for (let k = 0; k < 3; k++) {
      const records = withData.map((node, n) => {
        const record: CycleRecord = { nodeId: node.id, runs: [], snapshots: [], samples: [], rollups: [] };
        for (const c of COLLECTORS.filter((x) => x.roles.includes(node.role)))
          addSourceRows(record, c, new Date(start + k * 10_000 + n), sourceValue(c.id, n, k));
        return record;
      });
      await t.db.$transaction((tx) => writeCycles(t.db, tx, records));
    }
    for (const c of COLLECTORS) {
      const ids = nodes.filter((n) => c.roles.includes(n.role)).map((n) => n.id);
      const many = await c.latestMany!(t.db, ids);
      const expected = (EXPECTED as Record<string, Record<string, unknown>>)[c.id]!;
      // As the status API serves it (JSON): a relay sample's `at` is a Date in memory.
      for (const id of ids)
        expect(JSON.parse(JSON.stringify(many.get(id) ?? null)), `${c.id} on ${id}`).toStrictEqual(
          expected[nodes.find((n) => n.id === id)!.name],
        );
      expect([...many.keys()].sort(), c.id).toEqual(ids.filter((id) => withData.some((n) => n.id === id)).sort());
    }
  });

  it("reads any number of nodes: past one statement's bound values the keys go in several", async () => {
    const unknown = Array.from({ length: 9_000 }, (_, i) => `no-such-node-${i}`);
    for (const c of COLLECTORS) {
      const ids = nodes.filter((n) => c.roles.includes(n.role)).map((n) => n.id);
      // The real nodes last, in the second statement.
      const many = await c.latestMany!(t.db, [...unknown, ...ids]);
      expect(many, c.id).toStrictEqual(await c.latestMany!(t.db, ids));
      expect(many.size, c.id).toBeGreaterThan(0);
    }
  });
});
