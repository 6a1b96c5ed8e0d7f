import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createRoleUsers, loginCookie } from "../../support/auth";
import { createTestDb, type TestDb } from "../../support/test-db";

// A token is stored in the shared database, not in one process: created on one instance it
// works on the other at once, and revoked on one it is refused by both at once.

const key = crypto.randomBytes(32).toString("hex");
let t: TestDb;
const servers: AppServer[] = [];

beforeAll(async () => {
  t = await createTestDb();
  expect(t.provider).toBe("postgresql");
  await createRoleUsers(t.db);
  const env = { DATABASE_URL: t.url, EDGESCOPE_SECRET_KEY: key, EDGESCOPE_POLLER: "off" };
  servers.push(...(await Promise.all([startAppServer(env), startAppServer(env)])));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await t?.cleanup();
});

describe("API tokens on two instances sharing PostgreSQL", () => {
  it("a token made on one instance works on the other, and a revocation on either holds on both", async () => {
    const [a, b] = servers as [AppServer, AppServer];
    const created = await fetch(`${a.url}/api/tokens`, {
      method: "POST",
      headers: { cookie: await loginCookie(a.url, "admin"), "content-type": "application/json" },
      body: JSON.stringify({ name: "shared-scraper", role: "engineer" }),
    });
    expect(created.status).toBe(201);
    const { id, token } = await created.json();
    const auth = { authorization: `Bearer ${token}` };

    for (const s of [a, b]) {
      expect((await fetch(`${s.url}/api/analyze`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${s.url}/api/users`, { headers: auth })).status).toBe(403);
    }
    // The list on B shows the use made through A and B.
    const list = await (
      await fetch(`${b.url}/api/tokens`, { headers: { cookie: await loginCookie(b.url, "admin") } })
    ).json();
    expect(list.find((x: { id: string }) => x.id === id).lastUsedAt).not.toBeNull();

    expect(
      (
        await fetch(`${b.url}/api/tokens/${id}`, {
          method: "DELETE",
          headers: { cookie: await loginCookie(b.url, "admin") },
        })
      ).status,
    ).toBe(200);
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/analyze`, { headers: auth })).status).toBe(401);

    const uses = await t.db.auditLog.findMany({
      where: { action: "token.use", username: `token:shared-scraper (${id})` },
    });
    expect(uses.length).toBeGreaterThanOrEqual(4);
  });
});
