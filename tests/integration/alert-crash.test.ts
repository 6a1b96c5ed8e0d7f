import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createChannel } from "@/lib/server/alerts/channel-store";
import { testPayload } from "@/lib/server/alerts/manage-alerts";
import { enqueue } from "@/lib/server/alerts/outbox";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { startReceiver, type Receiver } from "../support/http-receiver";
import { killHard, startSenderProcess } from "../support/sender-process";
import { createTestDb, type TestDb } from "../support/test-db";

// kill -9 of a sender in the middle of its deliveries loses no message: the rows it claimed stay
// in the outbox under a lease that expires, and the next sender delivers them.

const key = crypto.randomBytes(32);
let t: TestDb;
let rx: Receiver;

beforeAll(async () => {
  t = await createTestDb();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await t?.cleanup();
});

it("a sender killed mid-send leaves its messages for the next one, which delivers every one", async () => {
  const ch = await createChannel(t.db, new SecretBox(key), {
    name: "hook",
    type: "webhook",
    enabled: true,
    config: { url: `${rx.url}/hook` },
  });
  const ids = await enqueue(t.db, null, [ch.id], "firing", testPayload("hook", "http://localhost:3000"), new Date());
  ids.push(
    ...(await enqueue(t.db, null, [ch.id, ch.id], "firing", testPayload("hook", "http://localhost:3000"), new Date())),
  );
  rx.answer = "hang"; // the receiver reads each request and never answers: the sender is mid-send
  const a = await startSenderProcess(t.url, key.toString("hex"), "instance-a", 2000);
  await rx.waitFor(3, 20_000);
  await killHard(a);
  const left = await t.db.alertMessage.findMany({ where: { id: { in: ids } } });
  expect(left.map((m) => [m.status, m.leaseHolder])).toEqual(ids.map(() => ["pending", "instance-a"]));

  rx.answer = 200;
  rx.received.length = 0;
  const b = await startSenderProcess(t.url, key.toString("hex"), "instance-b", 2000);
  try {
    const end = Date.now() + 30_000;
    while ((await t.db.alertMessage.count({ where: { id: { in: ids }, status: "sent" } })) < ids.length) {
      if (Date.now() > end) throw new Error("the second sender did not deliver every message");
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await killHard(b);
  }
  const sent = await t.db.alertMessage.findMany({ where: { id: { in: ids } } });
  expect(sent.every((m) => m.sentBy === "instance-b")).toBe(true);
  const delivered = rx.received.map((r) => JSON.parse(r.body).messageId as string).sort();
  expect(delivered).toEqual([...ids].sort());
});
