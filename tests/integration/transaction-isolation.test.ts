import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/test-db";

// SQLite runs on ONE connection per process. A write made outside a transaction while another
// caller's transaction is open (the poller's group commit holds one for most of each cycle)
// must not run inside that transaction: if it rolled back, the write would vanish after the
// caller was told it succeeded (a node "deleted" coming back, a session or an audit row lost).

let t: TestDb;
beforeAll(async () => (t = await createTestDb()));
afterAll(async () => t.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A transaction that writes `name`, signals it is open, holds it 150 ms, then fails. */
function failingTransaction(
  write: (tx: Parameters<Parameters<TestDb["db"]["$transaction"]>[0]>[0]) => Promise<unknown>,
) {
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const done = t.db.$transaction(async (tx) => {
    await write(tx);
    opened();
    await sleep(150);
    throw new Error("group failed");
  });
  return { open, done };
}
const deployment = (name: string) => ({
  data: { name, joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
});

describe("writes outside a transaction", () => {
  it("survive another caller's transaction rolling back while they ran", async () => {
    const failing = failingTransaction((tx) => tx.deployment.create(deployment("inside-rolled-back")));
    await failing.open;
    const outside = await t.db.deployment.create(deployment("outside-committed"));
    await expect(failing.done).rejects.toThrow("group failed");

    expect(await t.db.deployment.findUnique({ where: { id: outside.id } })).not.toBeNull();
    expect(await t.db.deployment.findUnique({ where: { name: "inside-rolled-back" } })).toBeNull();
  });

  it("never read another caller's uncommitted rows", async () => {
    const failing = failingTransaction((tx) => tx.deployment.create(deployment("uncommitted")));
    await failing.open;
    const seen = await t.db.deployment.findUnique({ where: { name: "uncommitted" } });
    await expect(failing.done).rejects.toThrow();
    expect(seen).toBeNull();
  });

  it("and raw statements outside a transaction wait for it too", async () => {
    await t.db.deployment.create(deployment("raw-target"));
    const failing = failingTransaction(
      (tx) => tx.$executeRaw`UPDATE "deployment" SET "name" = 'renamed-then-rolled-back' WHERE "name" = 'raw-target'`,
    );
    await failing.open;
    const rows = await t.db.$queryRaw<{ name: string }[]>`SELECT "name" FROM "deployment" WHERE "name" LIKE 'renamed%'`;
    await expect(failing.done).rejects.toThrow();
    expect(rows).toEqual([]);
  });
});
