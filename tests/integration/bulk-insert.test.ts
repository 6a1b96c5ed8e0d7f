import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.cleanup());

describe("insertRows", () => {
  it("stores every row across statement chunks, readable through Prisma with the right types", async () => {
    const d = await t.db.deployment.create({
      data: { name: "B", joinUrl: "a.example.com", callBridgeDomain: "example.com" },
    });
    const n = await t.db.node.create({
      data: {
        deploymentId: d.id,
        role: "EXPRESSWAY_E",
        name: "e",
        baseUrl: "https://127.0.0.1:9",
        username: "u",
        passwordEnc: "x",
      },
    });
    const t0 = Date.UTC(2026, 10, 25);
    const rows = Array.from({ length: 1234 }, (_, i) => [
      n.id,
      new Date(t0 + i * 1000),
      i % 7,
      9,
      i,
      i % 2 ? "Active" : null,
    ]);
    expect(
      await insertRows(t.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total", "server_status"], rows),
    ).toBe(1234);
    const last = await t.db.turnRelaySample.findFirstOrThrow({ where: { nodeId: n.id }, orderBy: { ts: "desc" } });
    expect(last).toMatchObject({
      ts: new Date(t0 + 1233 * 1000),
      current: 1233 % 7,
      total: 1233,
      serverStatus: "Active",
    });
    expect(await t.db.turnRelaySample.count({ where: { serverStatus: null } })).toBe(617);
  });
});
