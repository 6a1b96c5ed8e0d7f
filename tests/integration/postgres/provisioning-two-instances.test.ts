import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createRoleUsers, loginCookie } from "../../support/auth";
import { createTestDb, type TestDb } from "../../support/test-db";

// The done-when: one provisioning file, two instances on one PostgreSQL, both applying
// it at start (at the same moment) — every object exists once, and both refuse edits to it.

const key = crypto.randomBytes(32).toString("hex");
const secrets = {
  PROV_VCS_E1_PASSWORD: "e1-secret",
  PROV_TURN_E1_PASSWORD: "turn-secret",
  PROV_CMS1_PASSWORD: "cms-secret",
  PROV_HOOK_SECRET: "hook-secret-123",
};
let t: TestDb;
let file: string;
const servers: AppServer[] = [];

beforeAll(async () => {
  t = await createTestDb();
  expect(t.provider).toBe("postgresql");
  await createRoleUsers(t.db);
  file = path.join(t.dir, "deployments.yaml");
  fs.copyFileSync(path.resolve("tests/fixtures/provisioning/lab.yaml"), file);
  const env = {
    DATABASE_URL: t.url,
    EDGESCOPE_SECRET_KEY: key,
    EDGESCOPE_POLLER: "off",
    EDGESCOPE_PROVISION: file,
    ...secrets,
  };
  servers.push(...(await Promise.all([startAppServer(env), startAppServer(env)])));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await t?.cleanup();
});

describe("a provisioning file on two instances sharing PostgreSQL", () => {
  it("both apply it at start without duplicating objects, and both refuse edits", async () => {
    expect(
      servers
        .map((s) => s.output())
        .join("\n")
        .match(/provisioning .*deployments\.yaml: /g),
    ).toHaveLength(2);
    expect(await t.db.deployment.count()).toBe(1);
    expect(await t.db.node.count()).toBe(2);
    expect(await t.db.turnCredential.count()).toBe(1);
    expect(await t.db.alertChannel.count()).toBe(1);
    expect(await t.db.alertRule.count()).toBe(1);
    expect(await t.db.provisionedObject.count()).toBe(6);
    // One instance created the objects; the other found them applied.
    expect(servers.map((s) => s.output()).join("\n")).toContain("0 created, 0 updated, 0 deleted, 6 unchanged");

    const lab = await t.db.deployment.findFirstOrThrow();
    for (const s of servers) {
      const res = await fetch(`${s.url}/api/deployments/${lab.id}`, {
        method: "DELETE",
        headers: { cookie: await loginCookie(s.url, "admin"), origin: s.url },
      });
      expect(res.status).toBe(409);
    }
    // Re-applied on SIGHUP by both at once: still nothing duplicated or changed.
    for (const s of servers) s.proc.kill("SIGHUP");
    const deadline = Date.now() + 20_000;
    while (
      servers.some((s) => s.output().match(/provisioning .*deployments\.yaml: /g)!.length < 2) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 200));
    for (const s of servers)
      expect(
        s.output().match(/provisioning .*deployments\.yaml: 0 created, 0 updated, 0 deleted, 6 unchanged/g)!.length,
      ).toBeGreaterThanOrEqual(1);
    expect(await t.db.node.count()).toBe(2);
  });
});
