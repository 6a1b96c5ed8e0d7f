import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { parseEnv } from "@/lib/env";
import { createChannel } from "@/lib/server/alerts/channel-store";
import { evaluateAlerts } from "@/lib/server/alerts/evaluator";
import { createRule } from "@/lib/server/alerts/rule-store";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createTestDb, type TestDb } from "../support/test-db";

// When a node's polls fail and then succeed again, the resolved message says how long the outage
// lasted. Its end is the first good poll of every source that failed, not the end of the last
// failed one: the alert read "failing" when it fired, so it cannot have lasted less than its own
// pending time. (On loaded CI the old end made a 2 s-pending alert report "lasted 1 s".)

let t: TestDb;
let deps: Parameters<typeof evaluateAlerts>[0];
let nodeId: string;
const T0 = Date.now() - 120_000;
const at = (ms: number) => new Date(T0 + ms);

beforeAll(async () => {
  t = await createTestDb();
  const key = crypto.randomBytes(32);
  const box = new SecretBox(key);
  const env = parseEnv({ DATABASE_URL: t.url, EDGESCOPE_SECRET_KEY: key.toString("hex") });
  deps = { db: t.db, env, box };
  const dep = await t.db.deployment.create({
    data: { name: "Berlin", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
  });
  nodeId = (
    await t.db.node.create({
      data: {
        deploymentId: dep.id,
        role: "EXPRESSWAY_E",
        name: "vcs-e1",
        baseUrl: "https://192.0.2.10",
        username: "admin",
        passwordEnc: box.seal("secret"),
      },
    })
  ).id;
  const channel = await createChannel(t.db, box, {
    name: "hook",
    type: "webhook",
    config: { url: "http://127.0.0.1:9/hook", secret: "s3cret-s3cret" },
    enabled: true,
  });
  await createRule(t.db, {
    name: "polls",
    minSeverity: "fail",
    pendingSeconds: 2,
    recoverySeconds: 3,
    channelIds: [channel.id],
    notifyOnResolve: true,
    enabled: true,
  });
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const run = (source: string, startMs: number, outcome: "ok" | "parse") =>
  t.db.pollRun.create({
    data: { nodeId, source, startedAt: at(startMs), finishedAt: at(startMs + 50), outcome },
  });

it("an outage lasts until every failed source is seen good again, never less than the time it took to fire", async () => {
  const failing = "expressway.system";
  const healthy = "expressway.alarms";
  await run(failing, -10_000, "ok");
  await run(healthy, -10_000, "ok");
  for (const ms of [0, 1000, 2000]) await run(failing, ms, "parse");
  for (const ms of [0, 1000, 2000, 2500]) await run(healthy, ms, "ok");

  // Bad since 0, its last failed poll ended at 2 050; the evaluator fires at 2 900.
  expect((await evaluateAlerts(deps, at(2900))).fired).toBe(1);
  const fired = await t.db.alert.findFirstOrThrow({ where: { conditionKey: `poll:${nodeId}` } });
  expect(fired.since.getTime()).toBe(T0);

  // The failed source's first good poll ends at 3 950 (the healthy one's at 2 550 says nothing about it).
  await run(failing, 3900, "ok");
  await run(healthy, 3900, "ok");
  await evaluateAlerts(deps, at(4000));
  const recovering = await t.db.alert.findUniqueOrThrow({ where: { id: fired.id } });
  expect(recovering.state).toBe("recovering");
  expect(recovering.okSince?.getTime()).toBe(T0 + 3950);

  // Not good for the 3 s recovery time yet at 6 500; resolved at 7 000.
  await evaluateAlerts(deps, at(6500));
  expect((await t.db.alert.findUniqueOrThrow({ where: { id: fired.id } })).state).toBe("recovering");
  expect((await evaluateAlerts(deps, at(7000))).resolved).toBe(1);

  const resolved = await t.db.alertMessage.findFirstOrThrow({ where: { event: "resolved" } });
  const payload = JSON.parse(resolved.payload) as AlertPayload;
  expect(payload.alert.durationSeconds).toBe(4);
  expect(payload.alert.durationSeconds! * 1000).toBeGreaterThanOrEqual(
    Date.parse(payload.alert.firedAt!) - Date.parse(payload.alert.since),
  );
});
