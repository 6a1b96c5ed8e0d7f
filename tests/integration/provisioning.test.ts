import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChannel } from "@/lib/server/alerts/channel-store";
import { channelConfig } from "@/lib/server/alerts/channel-store";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createDb } from "@/lib/server/db/client";
import { createDeployment } from "@/lib/server/deployments/manage-deployments";
import { applyPlan } from "@/lib/server/provisioning/apply-plan";
import { exportProvisionFile } from "@/lib/server/provisioning/export-file";
import { parseProvisionText, readProvisionFile } from "@/lib/server/provisioning/load-file";
import { createTestDb, type TestDb } from "../support/test-db";

// A provisioning file applied to a real database (SQLite here, PostgreSQL in integration-pg):
// create, re-apply without change, edit, remove — and hand-made objects left alone.

const FILE = path.resolve("tests/fixtures/provisioning/lab.yaml");
const text = fs.readFileSync(FILE, "utf8");
const env = {
  PROV_VCS_E1_PASSWORD: "e1-secret",
  PROV_TURN_E1_PASSWORD: "turn-secret",
  PROV_CMS1_PASSWORD: "cms-secret",
  PROV_HOOK_SECRET: "hook-secret-123",
};
const box = new SecretBox(crypto.randomBytes(32));
let t: TestDb;

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Everything the file can declare, as stored (ids and timestamps left out, secrets opened). */
async function configuration(db = t.db) {
  const deployments = await db.deployment.findMany({
    orderBy: { name: "asc" },
    include: { nodes: { orderBy: { name: "asc" }, include: { turnCredential: true } } },
  });
  const channels = await db.alertChannel.findMany({ orderBy: { name: "asc" } });
  const rules = await db.alertRule.findMany({ orderBy: { name: "asc" } });
  const depName = new Map(deployments.map((d) => [d.id, d.name]));
  const chName = new Map(channels.map((c) => [c.id, c.name]));
  return {
    deployments: deployments.map(({ id: _i, createdAt: _c, updatedAt: _u, nodes, ...d }) => ({
      ...d,
      nodes: nodes.map(
        ({ id: _ni, deploymentId: _d, createdAt: _nc, updatedAt: _nu, passwordEnc, turnCredential, ...n }) => ({
          ...n,
          password: box.open(passwordEnc),
          turn: turnCredential && { username: turnCredential.username, password: box.open(turnCredential.passwordEnc) },
        }),
      ),
    })),
    channels: channels.map((c) => ({ name: c.name, type: c.type, enabled: c.enabled, config: channelConfig(c, box) })),
    rules: rules.map(({ id: _id, createdAt: _c, updatedAt: _u, deploymentIds, channelIds, ...r }) => ({
      ...r,
      deployments: (JSON.parse(deploymentIds) as string[]).map((id) => depName.get(id)),
      channels: (JSON.parse(channelIds) as string[]).map((id) => chName.get(id)),
    })),
  };
}
const updatedAts = async () =>
  (
    await t.db.$queryRawUnsafe<{ u: unknown }[]>(
      `SELECT updated_at AS u FROM deployment UNION ALL SELECT updated_at FROM node UNION ALL SELECT updated_at FROM turn_credential UNION ALL SELECT updated_at FROM alert_channel UNION ALL SELECT updated_at FROM alert_rule`,
    )
  )
    .map((r) => String(r.u))
    .sort();

describe("applying a provisioning file", () => {
  it("creates everything, changes nothing on a second apply, follows edits and removals, leaves hand-made objects alone", async () => {
    const handMade = await createDeployment(t.db, {
      name: "Hand made",
      joinUrl: "hand.example.com",
      callBridgeDomain: "example.com",
    });
    await createChannel(t.db, box, {
      name: "Hand hook",
      type: "webhook",
      config: { url: "http://127.0.0.1:9/hand" },
      enabled: true,
    });

    const first = await applyPlan(t.db, box, readProvisionFile(FILE, env), "test");
    expect(first.created.sort()).toEqual([
      "TURN credential Lab/vcs-e1",
      "channel NOC hook",
      "deployment Lab",
      "node Lab/cms1",
      "node Lab/vcs-e1",
      "rule Lab failures",
    ]);
    const after = await configuration();
    expect(after.deployments.find((d) => d.name === "Lab")).toMatchObject({
      outsideResolver: "192.0.2.53:53",
      insideResolver: "198.51.100.53:53",
      rttThresholdMs: 250,
    });
    expect(after.deployments.find((d) => d.name === "Lab")!.nodes.map((n) => [n.name, n.password, n.turn])).toEqual([
      ["cms1", "cms-secret", null],
      ["vcs-e1", "e1-secret", { username: "turnuser", password: "turn-secret" }],
    ]);
    expect(after.channels.find((c) => c.name === "NOC hook")!.config).toEqual({
      url: "http://127.0.0.1:9/hook",
      secret: "hook-secret-123",
    });
    expect(after.rules).toEqual([
      expect.objectContaining({
        name: "Lab failures",
        deployments: ["Lab"],
        channels: ["NOC hook"],
        pendingSeconds: 60,
        minSeverity: "fail",
      }),
    ]);
    expect(await t.db.provisionedObject.count()).toBe(6);

    // The same file again: nothing written (updated_at unchanged everywhere), nothing reported.
    const stamps = await updatedAts();
    await new Promise((r) => setTimeout(r, 20));
    const second = await applyPlan(t.db, box, readProvisionFile(FILE, env), "test");
    expect(second).toEqual({ created: [], updated: [], deleted: [], unchanged: 6 });
    expect(await updatedAts()).toEqual(stamps);
    expect(await configuration()).toEqual(after);

    // A rotated secret in the environment is a change, though the file is the same.
    const rotated = await applyPlan(
      t.db,
      box,
      readProvisionFile(FILE, { ...env, PROV_CMS1_PASSWORD: "cms-rotated" }),
      "test",
    );
    expect(rotated.updated).toEqual(["node Lab/cms1"]);
    expect((await configuration()).deployments.find((d) => d.name === "Lab")!.nodes[0]!.password).toBe("cms-rotated");

    // Edits: a removed line clears its field; removed objects are deleted, hand-made ones stay.
    const edited = text
      .replace("    outsideResolver: 192.0.2.53:53\n", "")
      .replace("    rttThresholdMs: 250", "    rttThresholdMs: 300")
      .replace(/ {8}turnCredential:\n.*\n.*PROV_TURN_E1_PASSWORD\n/, "")
      .replace(/ {6}- role: CMS\n( {8}.*\n){4}/, "")
      .replace(/rules:[\s\S]*$/, "");
    const third = await applyPlan(t.db, box, parseProvisionText(FILE, edited, env), "test");
    expect(third.updated).toEqual(["deployment Lab"]);
    expect(third.deleted.sort()).toEqual(["node Lab/cms1", "rule Lab failures", "turnCredential Lab/vcs-e1"]);
    const now = await configuration();
    const lab = now.deployments.find((d) => d.name === "Lab")!;
    expect([lab.outsideResolver, lab.rttThresholdMs, lab.nodes.map((n) => [n.name, n.turn])]).toEqual([
      null,
      300,
      [["vcs-e1", null]],
    ]);
    expect(now.rules).toEqual([]);

    // An empty file removes every provisioned object and nothing else.
    await applyPlan(t.db, box, parseProvisionText(FILE, "", {}), "test");
    const left = await configuration();
    expect(left.deployments.map((d) => d.name)).toEqual(["Hand made"]);
    expect(left.channels.map((c) => c.name)).toEqual(["Hand hook"]);
    expect(await t.db.provisionedObject.count()).toBe(0);
    expect(handMade.id).toBe((await t.db.deployment.findFirstOrThrow()).id);
  });

  it("refuses a file whose secret's environment variable is missing, and writes nothing", async () => {
    const { PROV_HOOK_SECRET: _, ...partial } = env;
    expect(() => readProvisionFile(FILE, partial)).toThrow(
      /lab\.yaml:\d+: channels\[0\]\.secretEnv\.secret: environment variable PROV_HOOK_SECRET is not set/,
    );
    expect(await t.db.deployment.count()).toBe(0);
  });

  it("exports the configuration in the same format, without secrets, and the export applied to an empty database gives the same configuration", async () => {
    await applyPlan(t.db, box, readProvisionFile(FILE, env), "test");
    // A hand-made channel with a secret: exported with a derived variable name.
    await createChannel(t.db, box, {
      name: "Pager",
      type: "slack",
      config: { url: "https://hooks.slack.example/T1" },
      enabled: false,
    });
    const exported = await exportProvisionFile(t.db);
    for (const secret of [...Object.values(env), "https://hooks.slack.example/T1"])
      expect(exported).not.toContain(secret);
    expect(exported).toContain("passwordEnv: PROV_VCS_E1_PASSWORD");
    expect(exported).toContain("secret: PROV_HOOK_SECRET");
    expect(exported).toMatch(/#\s+CHANNEL_PAGER_URL\n/);

    const other = await createTestDb();
    try {
      const plan = parseProvisionText("export.yaml", exported, {
        ...env,
        CHANNEL_PAGER_URL: "https://hooks.slack.example/T1",
      });
      await applyPlan(other.db, box, plan, "test");
      expect(await configuration(other.db)).toEqual(await configuration());
      // And the copy exports the same file.
      expect(await exportProvisionFile(other.db)).toBe(exported);
    } finally {
      await other.cleanup();
    }
  });

  it("instances applying the same file at once create each object once", async () => {
    const clients = [createDb(t.url), createDb(t.url), createDb(t.url)];
    try {
      // Connected before the race, so the applies really overlap.
      await Promise.all(clients.map((c) => c.deployment.count()));
      const plan = readProvisionFile(FILE, env);
      const results = await Promise.all(clients.map((c, i) => applyPlan(c, box, plan, `instance-${i}`)));
      expect(results.map((r) => r.created.length).sort()).toEqual([0, 0, 6]);
      expect(results.map((r) => r.updated.length)).toEqual([0, 0, 0]);
      expect(await t.db.deployment.count()).toBe(1);
      expect(await t.db.node.count()).toBe(2);
      expect(await t.db.alertChannel.count()).toBe(1);
      expect(await t.db.alertRule.count()).toBe(1);
      expect(await t.db.jobLease.count({ where: { name: "provisioning" } })).toBe(0);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  });
});
