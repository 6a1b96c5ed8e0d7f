import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "@/lib/server/lab/lab";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie, TEST_PASSWORDS } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// A full admin session against the lab; every answer (body and headers) and every server log
// line is searched for the secrets Edgescope stores.
let t: TestDb;
let lab: Lab;
let app: AppServer;
const key = crypto.randomBytes(32).toString("hex");
const seen: string[] = [];

beforeAll(async () => {
  lab = await startLab();
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({
    DATABASE_URL: t.url,
    EDGESCOPE_SECRET_KEY: key,
    EDGESCOPE_RELAY_INTERVAL_MS: "1000",
    EDGESCOPE_HTTP_TIMEOUT_MS: "1500",
  });
});
afterAll(async () => {
  await app?.stop();
  await lab?.stop();
  await t?.cleanup();
});

async function call(method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { cookie, origin: app.url, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  seen.push(`${method} ${path} ${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${text}`);
  return { status: res.status, json: () => JSON.parse(text) };
}

describe("stored secrets never leave the server", () => {
  it("appear in no response and no log line during a full session", async () => {
    const admin = await loginCookie(app.url, "admin");
    const d = (await call("POST", "/api/deployments", admin, lab.deployment)).json();
    const nodeIds: string[] = [];
    for (const n of lab.nodes) {
      const created = await call("POST", `/api/deployments/${d.id}/nodes`, admin, {
        role: n.role,
        name: n.name,
        baseUrl: n.url,
        username: n.username,
        password: n.password,
        caPem: lab.caPem,
        privateAddress: n.privateAddress,
        publicAddress: n.publicAddress,
      });
      expect(created.status).toBe(201);
      expect(created.json().passwordSet).toBe(true);
      nodeIds.push(created.json().id);
    }
    for (const id of nodeIds)
      expect((await call("POST", `/api/deployments/${d.id}/nodes/${id}/test`, admin)).status).toBe(200);
    await call("POST", `/api/deployments/${d.id}/poll`, admin);
    await lab.setFault("http-401", "vcs-e1");
    await call("POST", `/api/deployments/${d.id}/poll`, admin);
    await lab.clearFaults();
    await call("PUT", `/api/deployments/${d.id}/nodes/${nodeIds[1]}`, admin, {
      password: lab.nodes[1]!.password,
      username: lab.nodes[1]!.username,
    });
    await call("PUT", "/api/users/cnotfound00000000000000000", admin, { password: "another-temporary-pass" });
    await call("POST", "/api/users", admin, { username: "ops", password: "ops-password-123456", role: "viewer" });
    for (const path of [
      "/api/deployments",
      `/api/deployments/${d.id}`,
      `/api/deployments/${d.id}/status`,
      `/api/deployments/${d.id}/nodes`,
      `/api/deployments/${d.id}/history/relay-usage`,
      "/api/users",
      "/api/audit?limit=500",
      "/api/settings",
      "/api/health",
      "/api/auth/me",
      "/",
      `/deployments/${d.id}`,
      "/admin/users",
      "/admin/audit",
      "/admin/settings",
      "/account/password",
    ]) {
      expect((await call("GET", path, admin)).status, path).toBe(200);
    }
    await call("POST", "/api/auth/password", admin, {
      currentPassword: "wrong-current-password",
      newPassword: "whatever-new-password",
    });

    const stored = await t.db.node.findMany({ select: { passwordEnc: true } });
    const hashes = await t.db.user.findMany({ select: { passwordHash: true } });
    const secrets = [
      ...new Set([
        ...lab.nodes.map((n) => n.password),
        ...Object.values(TEST_PASSWORDS),
        "ops-password-123456",
        "another-temporary-pass",
        key,
      ]),
      ...stored.map((s) => s.passwordEnc),
      ...hashes.map((h) => h.passwordHash),
    ];
    const haystack = `${seen.join("\n")}\n${app.output()}`;
    expect(seen.length).toBeGreaterThan(25);
    for (const s of secrets) expect(haystack.includes(s), `a stored secret (${s.slice(0, 4)}…) leaked`).toBe(false);
    expect(haystack).not.toContain("$argon2id$");
    expect(haystack).not.toMatch(/"passwordEnc"|"passwordHash"/);
  });
});
