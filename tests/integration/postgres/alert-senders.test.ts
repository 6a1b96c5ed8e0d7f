import crypto from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createChannel } from "@/lib/server/alerts/channel-store";
import { testPayload } from "@/lib/server/alerts/manage-alerts";
import { enqueue } from "@/lib/server/alerts/outbox";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createDb } from "@/lib/server/db/client";
import { holdJobLease } from "@/lib/server/jobs/job-lease";
import { startReceiver, type Receiver } from "../../support/http-receiver";
import { killHard, startSenderProcess } from "../../support/sender-process";
import { createTestDb, type TestDb } from "../../support/test-db";

// Two instances on one PostgreSQL: each outbox message is sent by exactly one of them (a claimed
// row, not an in-memory flag), and only one of them evaluates alerts at a time (job lease).

const key = crypto.randomBytes(32);
const MESSAGES = 40;
let t: TestDb;
let rx: Receiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDb();
  expect(t.provider).toBe("postgresql");
  rx = await startReceiver();
});
afterAll(async () => {
  await Promise.all(children.map(killHard));
  await rx?.close();
  await t?.cleanup();
});

it("two sender processes deliver each of 40 messages exactly once", async () => {
  const ch = await createChannel(t.db, new SecretBox(key), {
    name: "hook",
    type: "webhook",
    enabled: true,
    config: { url: `${rx.url}/hook` },
  });
  rx.delayMs = 30; // deliveries overlap, so both instances are busy claiming at once
  for (const c of await Promise.all([
    startSenderProcess(t.url, key.toString("hex"), "pg-a", 30_000),
    startSenderProcess(t.url, key.toString("hex"), "pg-b", 30_000),
  ]))
    children.push(c);
  const ids: string[] = [];
  for (let i = 0; i < MESSAGES; i++)
    ids.push(
      ...(await enqueue(t.db, null, [ch.id], "firing", testPayload("hook", "http://localhost:3000"), new Date())),
    );
  const end = Date.now() + 40_000;
  while ((await t.db.alertMessage.count({ where: { status: "sent" } })) < MESSAGES) {
    if (Date.now() > end) throw new Error("not every message was sent");
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500)); // a late duplicate would arrive now
  const delivered = rx.received.map((r) => JSON.parse(r.body).messageId as string);
  expect(delivered.length).toBe(MESSAGES);
  expect(new Set(delivered)).toEqual(new Set(ids));
  const bySender = await t.db.alertMessage.groupBy({ by: ["sentBy"], _count: { _all: true } });
  console.log("sent by", bySender.map((b) => `${b.sentBy}: ${b._count._all}`).join(", "));
});

it("only one of two instances holds the evaluator's lease at any time; the other takes over when it lapses", async () => {
  const other = createDb(t.url);
  try {
    for (let i = 0; i < 20; i++) {
      const now = new Date();
      const won = await Promise.all([
        holdJobLease(t.db, "alert-evaluator", "pg-a", 10_000, now),
        holdJobLease(other, "alert-evaluator", "pg-b", 10_000, now),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
    }
    const holder = (await t.db.jobLease.findUniqueOrThrow({ where: { name: "alert-evaluator" } })).holder;
    const later = new Date(Date.now() + 11_000);
    const next = holder === "pg-a" ? "pg-b" : "pg-a";
    expect(await holdJobLease(holder === "pg-a" ? other : t.db, "alert-evaluator", next, 10_000, later)).toBe(true);
  } finally {
    await other.$disconnect();
  }
});
