import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { AlertPayload } from "@/lib/domain/alerts/payload";
import { createChannel } from "@/lib/server/alerts/channel-store";
import { evaluateAlerts } from "@/lib/server/alerts/evaluator";
import { createWindow, deleteWindow } from "@/lib/server/alerts/maintenance";
import { createRule } from "@/lib/server/alerts/rule-store";
import { sendDueMessages } from "@/lib/server/alerts/sender";
import { recordCheckStates } from "@/lib/server/checks/check-states";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { startReceiver, type Receiver } from "../support/http-receiver";
import { startLabFixture, type LabFixture } from "../support/lab-fixture";

// The lab's faults drive alerts end to end: the poller polls the lab every second, the check
// states are recorded, the evaluator moves alerts and writes the outbox, the sender posts to a
// real HTTP receiver, which checks the payload and its HMAC.

const SECRET = "correct horse battery staple";
let f: LabFixture;
let rx: Receiver;
let channelId: string;

beforeAll(async () => {
  f = await startLabFixture({
    EDGESCOPE_RELAY_INTERVAL_MS: "1000",
    EDGESCOPE_STATUS_INTERVAL_MS: "1000",
    EDGESCOPE_CONFIG_INTERVAL_MS: "1000",
    EDGESCOPE_PUBLIC_URL: "https://edgescope.example.net",
  });
  rx = await startReceiver();
  channelId = (
    await createChannel(f.t.db, f.box, {
      name: "noc hook",
      type: "webhook",
      config: { url: `${rx.url}/hook`, secret: SECRET },
      enabled: true,
    })
  ).id;
  await createRule(f.t.db, {
    name: "everything",
    minSeverity: "fail",
    pendingSeconds: 2,
    recoverySeconds: 3,
    channelIds: [channelId],
    notifyOnResolve: true,
    enabled: true,
  });
  f.poller.start();
}, 120_000);
afterAll(async () => {
  await rx?.close();
  await f?.stop();
});
afterEach(async () => {
  await f.lab.clearFaults();
  // Every test starts from a quiet deployment: no alert left live by the one before.
  await pumpUntil(
    "every alert resolved",
    async () => (await f.t.db.alert.count({ where: { state: { in: ["pending", "firing", "recovering"] } } })) === 0,
  );
  rx.received.length = 0;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const payloads = () => rx.received.map((r) => JSON.parse(r.body) as AlertPayload);
const events = (kind: string, nodeId?: string) =>
  payloads()
    .filter((p) => p.alert.kind === kind && (!nodeId || p.node?.id === nodeId))
    .map((p) => p.event);

/** What the server's jobs do each tick: record check states, evaluate, send. */
async function tick() {
  const { checks } = await getDeploymentChecks(f.t.db, f.env, f.box, f.deploymentId, {
    probes: "cached",
    runner: getProbeRunner(),
  });
  await recordCheckStates(f.t.db, f.deploymentId, checks);
  await evaluateAlerts({ db: f.t.db, env: f.env, box: f.box });
  await sendDueMessages({ db: f.t.db, box: f.box, holder: "test", ctx: { webexApiUrl: "http://127.0.0.1:9" } });
}
async function pumpUntil(what: string, done: () => boolean | Promise<boolean>, ms = 40_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end)
      throw new Error(
        `timed out: ${what}; received ${JSON.stringify(payloads().map((p) => [p.event, p.alert.kind, p.summary]))}`,
      );
    await tick();
    await sleep(250);
  }
}
async function pumpFor(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await tick();
    await sleep(250);
  }
}

it("a node answering broken XML fires one alert with the node's words, signed; clearing it resolves with the duration", async () => {
  await pumpFor(3000); // healthy: nothing to say
  expect(rx.received).toHaveLength(0);
  const e1 = await f.nodeId("vcs-e1");
  await f.lab.setFault("malformed-xml", "vcs-e1");
  await pumpUntil("firing message", () => events("poll").includes("firing"));
  const req = rx.received.find((r) => JSON.parse(r.body).event === "firing")!;
  const p = JSON.parse(req.body) as AlertPayload;
  expect(p.schema).toBe("edgescope.alert/v1");
  expect(p.deployment).toEqual({
    id: f.deploymentId,
    name: expect.any(String),
    url: `https://edgescope.example.net/deployments/${f.deploymentId}`,
  });
  expect(p.node?.id).toBe(e1);
  expect(p.status).toBe("parse");
  expect(p.words).toMatch(/parse/);
  expect(p.fix.length).toBeGreaterThan(0);
  expect(Date.parse(p.alert.since)).toBeLessThanOrEqual(Date.parse(p.alert.firedAt!) - 2000);
  // HMAC over "<timestamp>.<body>" with the channel's secret.
  const ts = req.headers["x-edgescope-timestamp"] as string;
  const expected = `sha256=${crypto.createHmac("sha256", SECRET).update(`${ts}.${req.body}`).digest("hex")}`;
  expect(req.headers["x-edgescope-signature"]).toBe(expected);
  expect(req.headers["x-edgescope-message-id"]).toBe(p.messageId);

  await f.lab.clearFaults();
  await pumpUntil("resolved message", () => events("poll").includes("resolved"));
  const resolved = payloads().find((x) => x.event === "resolved")!;
  expect(resolved.alert.id).toBe(p.alert.id);
  expect(resolved.alert.durationSeconds).toBeGreaterThanOrEqual(2);
  expect(events("poll")).toEqual(["firing", "resolved"]);
  const alert = await f.t.db.alert.findUniqueOrThrow({ where: { id: p.alert.id } });
  expect(alert.state).toBe("resolved");
});

it("a fault switched on and off every poll gives one alert, not one per flap", async () => {
  const e2 = await f.nodeId("vcs-e2");
  // Recovery longer than one good poll (under load a poll can take a few seconds).
  await f.t.db.alertRule.updateMany({ data: { recoverySeconds: 8 } });
  try {
    await f.lab.setFault("malformed-xml", "vcs-e2");
    await pumpUntil("firing", () => events("poll", e2).includes("firing"));
    // Flap: switch at every poll of the node, each phase lasting until a poll has seen it.
    for (let i = 0; i < 8; i++) {
      const on = i % 2 === 1;
      const at = new Date();
      if (on) await f.lab.setFault("malformed-xml", "vcs-e2");
      else await f.lab.clearFaults();
      await pumpUntil(
        `a poll of vcs-e2 ${on ? "failing" : "succeeding"}`,
        async () =>
          (await f.t.db.pollRun.count({
            where: { nodeId: e2, startedAt: { gt: at }, outcome: on ? { not: "ok" } : "ok" },
          })) > 0,
      );
    }
    expect(events("poll", e2)).toEqual(["firing"]);
    await f.lab.clearFaults();
    await pumpUntil("resolved", () => events("poll", e2).includes("resolved"));
    expect(events("poll", e2)).toEqual(["firing", "resolved"]);
    expect(await f.t.db.alert.count({ where: { conditionKey: `poll:${e2}` } })).toBe(1);
  } finally {
    await f.t.db.alertRule.updateMany({ data: { recoverySeconds: 3 } });
  }
});

it("a maintenance window records the alert without sending it, and sends it when the window ends while it still fires", async () => {
  const c = await f.nodeId("vcs-c");
  const w = await createWindow(
    f.t.db,
    {
      deploymentId: f.deploymentId,
      start: new Date(Date.now() - 1000),
      end: new Date(Date.now() + 3_600_000),
      reason: "upgrade",
    },
    "tester",
  );
  await f.lab.setFault("malformed-xml", "vcs-c");
  const key = `poll:${await f.nodeId("vcs-c")}`;
  await pumpUntil(
    "alert firing in the window",
    async () => (await f.t.db.alert.count({ where: { conditionKey: key, state: "firing" } })) === 1,
  );
  await pumpFor(2000);
  expect(events("poll", c)).toEqual([]);
  await deleteWindow(f.t.db, w.id);
  await pumpUntil("released message", () => events("poll", c).includes("firing"));
  expect(events("poll", c)).toEqual(["firing"]);
});

it("a failing check fires with its domain IDs, evidence and fix; the T-scenario when one is likely", async () => {
  await f.lab.setFault("tunnel-inactive", "vcs-e1");
  await pumpUntil("check alert", () => events("check").includes("firing"));
  const p = payloads().find((x) => x.alert.kind === "check" && x.event === "firing")!;
  expect(p.check?.id).toBeTruthy();
  expect(p.check?.domainIds.length).toBeGreaterThan(0);
  expect(p.status).toBe("fail");
  expect(p.fix.length).toBeGreaterThan(0);
  expect(p.words).toBeTruthy();
  // The scenario detector is being reworked; what is asserted is that a likely one rides along.
  expect(p.scenario?.id).toMatch(/^T[1-4]$/);
  await f.lab.clearFaults();
  await pumpUntil("check resolved", () => events("check").includes("resolved"));
});

it("no fresh data is its own kind: with the poller stopped, stale fires and a firing check neither fails anew nor recovers", async () => {
  await f.lab.setFault("tunnel-inactive", "vcs-e1");
  await pumpUntil("check alert", () => events("check").includes("firing"));
  await f.poller.stop();
  try {
    await f.lab.clearFaults(); // fixed meanwhile, but nobody can see it
    await pumpUntil(
      "stale alerts for every node",
      () => events("stale").filter((e) => e === "firing").length === f.lab.nodes.length,
    );
    const stale = payloads().filter((p) => p.alert.kind === "stale");
    for (const p of stale) {
      expect(p.status).toBe("stale");
      expect(p.summary).toMatch(/^No fresh data from /);
      expect(p.fix[0]).toMatch(/poller/);
    }
    await pumpFor(3000);
    // Unknown data is no recovery: the check's alert still fires, nothing else was said about it.
    expect(events("check")).toEqual(["firing"]);
    expect(events("poll")).toEqual([]);
  } finally {
    f.poller.start();
  }
  await pumpUntil(
    "stale and the check resolve once data is fresh",
    () =>
      events("stale").filter((e) => e === "resolved").length === f.lab.nodes.length &&
      events("check").includes("resolved"),
  );
  expect(events("check")).toEqual(["firing", "resolved"]);
});
