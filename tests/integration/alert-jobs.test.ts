import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { JOBS } from "@/lib/server/jobs";
import { alertRetentionJob } from "@/lib/server/jobs/alert-retention";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

it("the job list names every background job once", () => {
  const names = JOBS.map((j) => j.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(
    expect.arrayContaining([
      "retention",
      "probe-schedule",
      "check-recorder",
      "alert-evaluator",
      "alert-sender",
      "alert-retention",
    ]),
  );
});

it("alert retention deletes old delivered messages and old resolved alerts, never pending ones or live alerts", async () => {
  const day = 86_400_000;
  const old = new Date(Date.now() - 100 * day);
  const base = { channelId: "c", event: "firing", payload: "{}", nextAttemptAt: old, createdAt: old };
  await t.db.alertMessage.createMany({
    data: [
      { ...base, id: "m-sent", status: "sent" },
      { ...base, id: "m-dead", status: "dead" },
      { ...base, id: "m-pending", status: "pending" },
      { ...base, id: "m-new", status: "sent", createdAt: new Date() },
    ],
  });
  const alert = {
    ruleId: "r",
    deploymentId: "d",
    kind: "poll",
    severity: "fail",
    since: old,
    detail: "",
    diagnosis: "{}",
  };
  await t.db.alert.createMany({
    data: [
      { ...alert, id: "a-old", conditionKey: "poll:1", state: "resolved", resolvedAt: old },
      { ...alert, id: "a-live", conditionKey: "poll:2", state: "firing" },
      { ...alert, id: "a-recent", conditionKey: "poll:3", state: "resolved", resolvedAt: new Date() },
    ],
  });
  const key = crypto.randomBytes(32);
  await alertRetentionJob.run({
    db: t.db,
    env: parseEnv({ DATABASE_URL: t.url, EDGESCOPE_SECRET_KEY: key.toString("hex") }),
    box: new SecretBox(key),
    instanceId: "test",
    log: () => undefined,
  });
  expect((await t.db.alertMessage.findMany({ orderBy: { id: "asc" } })).map((m) => m.id)).toEqual([
    "m-new",
    "m-pending",
  ]);
  expect((await t.db.alert.findMany({ orderBy: { id: "asc" } })).map((a) => a.id)).toEqual(["a-live", "a-recent"]);
});
