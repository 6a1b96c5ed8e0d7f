import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox, parseKey } from "@/lib/server/crypto/secret-box";
import { seedLabDeployment } from "@/lib/server/demo/seed-lab";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createRoleUsers, loginCookie } from "../../support/auth";
import { createTestDb, type TestDb } from "../../support/test-db";

// Two production servers (`next start`) on one PostgreSQL database share the polling of the
// lab through leases: no node is polled twice within an interval, and when one server is
// killed the other takes its nodes within two intervals.

const INTERVAL = 1000;
/** Two runs of a node are at least an interval apart, give or take the scheduler's own
 * bookkeeping: a cycle's start is noted a moment before its first request. */
const BOOKKEEPING_MS = 5;
const key = crypto.randomBytes(32).toString("hex");
const ENV = () => ({
  DATABASE_URL: t.url,
  EDGESCOPE_SECRET_KEY: key,
  EDGESCOPE_RELAY_INTERVAL_MS: String(INTERVAL),
  EDGESCOPE_TICK_MS: "100",
  EDGESCOPE_HTTP_TIMEOUT_MS: "800",
});
let t: TestDb;
let lab: Lab;
const servers: AppServer[] = [];

beforeAll(async () => {
  lab = await startLab();
  t = await createTestDb();
  expect(t.provider).toBe("postgresql");
  await seedLabDeployment(t.db, new SecretBox(parseKey(key)), lab);
  // Two Expressway-E nodes, one per instance: the sharing is then exact and easy to assert.
  await t.db.node.deleteMany({ where: { role: { not: "EXPRESSWAY_E" } } });
  await createRoleUsers(t.db);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await lab?.stop();
  await t?.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
async function start(): Promise<{ app: AppServer; id: string }> {
  const app = await startAppServer(ENV());
  servers.push(app);
  const health = await (await fetch(`${app.url}/api/health`)).json();
  return { app, id: health.poller.lease.instanceId as string };
}
const holders = async () =>
  new Map(
    (await t.db.pollLease.findMany({ where: { expiresAt: { gt: new Date() } } })).map((l) => [l.nodeId, l.holder]),
  );
const pollableNodes = () => t.db.node.findMany({ where: { role: "EXPRESSWAY_E" }, select: { id: true, name: true } });

/** Every node/source's runs, in order, are at least one interval apart. */
async function expectNoDoublePolls() {
  const runs = await t.db.pollRun.findMany({ orderBy: { startedAt: "asc" } });
  const byKey = new Map<string, typeof runs>();
  for (const r of runs) byKey.set(`${r.nodeId} ${r.source}`, [...(byKey.get(`${r.nodeId} ${r.source}`) ?? []), r]);
  for (const [k, list] of byKey) {
    for (let i = 1; i < list.length; i++) {
      const gap = list[i]!.startedAt.getTime() - list[i - 1]!.startedAt.getTime();
      expect(gap, `${k}: runs ${i - 1} and ${i}`).toBeGreaterThanOrEqual(INTERVAL - BOOKKEEPING_MS);
    }
  }
  return runs;
}

describe("two instances on one PostgreSQL", () => {
  it("share the nodes, never poll one twice in an interval, and take over a killed instance's nodes within two intervals", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const nodes = await pollableNodes();
    expect(nodes).toHaveLength(2);

    // Both hold a share: one Expressway-E each.
    const shared = await waitFor("each instance to hold one node", async () => {
      const h = await holders();
      const owners = nodes.map((n) => h.get(n.id));
      return owners.includes(a.id) && owners.includes(b.id) && h;
    });
    await sleep(3 * INTERVAL); // both poll side by side for a while
    const victimNodes = nodes.filter((n) => shared.get(n.id) === b.id).map((n) => n.id);
    expect(victimNodes).toHaveLength(1);
    expect(await holders()).toEqual(shared); // stable while both live

    const killedAt = Date.now();
    await b.app.stop("SIGKILL");
    await sleep(3 * INTERVAL);

    const runs = await expectNoDoublePolls();
    for (const nodeId of victimNodes) {
      const before = runs.filter((r) => r.nodeId === nodeId && r.startedAt.getTime() <= killedAt);
      const after = runs.filter((r) => r.nodeId === nodeId && r.startedAt.getTime() > killedAt);
      expect(before.length, "the killed instance polled its node").toBeGreaterThanOrEqual(2);
      expect(after.length, "the survivor polls it").toBeGreaterThan(0);
      expect(after[0]!.startedAt.getTime() - killedAt).toBeLessThanOrEqual(2 * INTERVAL);
      expect(after.every((r) => r.outcome === "ok")).toBe(true);
    }
    const h = await holders();
    expect(nodes.map((n) => h.get(n.id))).toEqual([a.id, a.id]);
    const health = await (await fetch(`${a.app.url}/api/health`)).json();
    expect(health.poller.lease).toMatchObject({ instanceId: a.id, nodesHeld: 2, liveInstances: 1, leaseMs: INTERVAL });

    // The history's raw SQL (bucketing on timestamp(3)) answers through the production build.
    const deploymentId = (await t.db.deployment.findFirstOrThrow()).id;
    const res = await fetch(`${a.app.url}/api/deployments/${deploymentId}/history/relay-usage`, {
      headers: { cookie: await loginCookie(a.app.url, "viewer") },
    });
    expect(res.status).toBe(200);
    const history = await res.json();
    const charted = history.points.filter((p: Record<string, unknown>) => p[`${victimNodes[0]}__peak`] !== null);
    expect(charted.length).toBeGreaterThan(0);

    // A clean stop (SIGTERM) hands the nodes back at once instead of letting them expire.
    const c = await start();
    await waitFor("the new instance to take its share", async () => [...(await holders()).values()].includes(c.id));
    const handedOver = [...(await holders())].filter(([, holder]) => holder === a.id).map(([nodeId]) => nodeId);
    const stoppedAt = Date.now();
    expect(await a.app.stop("SIGTERM")).toBe(0);
    expect(await t.db.pollLease.count({ where: { holder: a.id } })).toBe(0);
    await waitFor(
      "the survivor to take the handed-over nodes",
      async () => {
        const now = await holders();
        return handedOver.every((id) => now.get(id) === c.id);
      },
      2 * INTERVAL,
    );
    expect(Date.now() - stoppedAt).toBeLessThan(2 * INTERVAL);
    await sleep(2 * INTERVAL);
    await expectNoDoublePolls();
  });
});
