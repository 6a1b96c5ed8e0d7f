import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/roles";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// API tokens through the production build: the contract scripts use (create, list, revoke),
// role limits, expiry, the query-string refusal, cross-site rules, and the audit trail.

let t: TestDb;
let app: AppServer;
let admin: string;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "c".repeat(64) });
  admin = await loginCookie(app.url, "admin");
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});

const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  fetch(`${app.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(name: string, role: Role, expiresAt?: string) {
  const res = await call("POST", "/api/tokens", { cookie: admin }, { name, role, ...(expiresAt ? { expiresAt } : {}) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; name: string; role: Role; token: string };
}
const deploymentBody = (name: string) => ({ name, joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" });

describe("API tokens", () => {
  it("creates a token shown once, keeps only its hash, and lists it with its last use", async () => {
    const created = await createToken("ci-viewer", "viewer");
    expect(Object.keys(created).sort()).toEqual(["expiresAt", "id", "name", "role", "token"]);
    expect(created.token).toMatch(/^esk_[\w-]{43}$/);

    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const before = await (await call("GET", "/api/tokens", { cookie: admin })).json();
    const listed = before.find((x: { id: string }) => x.id === created.id);
    expect(listed).toMatchObject({ name: "ci-viewer", role: "viewer", lastUsedAt: null, createdBy: "admin" });
    expect(JSON.stringify(before)).not.toContain(created.token);
    expect(JSON.stringify(before)).not.toContain(row.tokenHash);

    expect((await call("GET", "/api/board", bearer(created.token))).status).toBe(200);
    const after = await (await call("GET", "/api/tokens", { cookie: admin })).json();
    expect(Date.parse(after.find((x: { id: string }) => x.id === created.id).lastUsedAt)).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });

  it("refuses a duplicate name (409) and a bad body (400 with the field)", async () => {
    await createToken("dup", "viewer");
    expect((await call("POST", "/api/tokens", { cookie: admin }, { name: "dup", role: "viewer" })).status).toBe(409);
    const bad = await call(
      "POST",
      "/api/tokens",
      { cookie: admin },
      { name: "x y", role: "root", expiresAt: "2001-01-01T00:00:00Z" },
    );
    expect(bad.status).toBe(400);
    const err = (await bad.json()).error;
    expect(Object.keys(err.fields).sort()).toEqual(["expiresAt", "name", "role"]);
  });

  it("acts within its role on every kind of route, never above it", async () => {
    const viewer = await createToken("role-viewer", "viewer");
    const engineer = await createToken("role-engineer", "engineer");
    const adminToken = await createToken("role-admin", "admin");
    expect((await call("GET", "/api/deployments", bearer(viewer.token))).status).toBe(200);
    expect((await call("GET", "/api/analyze", bearer(viewer.token))).status).toBe(403);
    expect((await call("POST", "/api/deployments", bearer(viewer.token), deploymentBody("V"))).status).toBe(403);
    expect((await call("GET", "/api/analyze", bearer(engineer.token))).status).toBe(200);
    expect((await call("GET", "/api/users", bearer(engineer.token))).status).toBe(403);
    expect((await call("GET", "/api/tokens", bearer(engineer.token))).status).toBe(403);
    expect((await call("GET", "/api/users", bearer(adminToken.token))).status).toBe(200);
    const made = await call("POST", "/api/deployments", bearer(adminToken.token), deploymentBody("Made by a token"));
    expect(made.status).toBe(201);
    // A token may even manage tokens when it is admin; the secret still appears only once.
    const nested = await call("POST", "/api/tokens", bearer(adminToken.token), {
      name: "made-by-token",
      role: "viewer",
    });
    expect(nested.status).toBe(201);

    const denied = await call("POST", "/api/deployments", bearer(viewer.token), deploymentBody("V"));
    expect((await denied.json()).error).toMatchObject({ code: "forbidden" });
  });

  it("is never a person: no password change, logout or login with a token", async () => {
    const tok = await createToken("not-a-person", "admin");
    const res = await call("POST", "/api/auth/password", bearer(tok.token), {
      currentPassword: "x",
      newPassword: "a-long-new-password",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("token_not_allowed");
  });

  it("stops working the moment it is revoked", async () => {
    const tok = await createToken("short-lived", "viewer");
    expect((await call("GET", "/api/board", bearer(tok.token))).status).toBe(200);
    expect((await call("DELETE", `/api/tokens/${tok.id}`, { cookie: admin })).status).toBe(200);
    const after = await call("GET", "/api/board", bearer(tok.token));
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("bad_token");
    expect((await call("DELETE", `/api/tokens/${tok.id}`, { cookie: admin })).status).toBe(404);
  });

  it("stops working when it expires", async () => {
    const tok = await createToken("expiring", "viewer", new Date(Date.now() + 2500).toISOString());
    expect((await call("GET", "/api/board", bearer(tok.token))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await call("GET", "/api/board", bearer(tok.token))).status).toBe(401);
  });

  it("is never accepted from the query string, and a wrong or malformed token is a 401", async () => {
    const tok = await createToken("in-query", "viewer");
    for (const name of ["access_token", "token", "api_key"]) {
      const res = await call("GET", `/api/board?${name}=${tok.token}`);
      expect(res.status, name).toBe(401);
      expect((await res.json()).error.code, name).toBe("token_in_query");
    }
    expect((await call("GET", `/api/board`, bearer(`${tok.token}x`))).status).toBe(401);
    expect((await call("GET", `/api/board`, { authorization: `Basic ${tok.token}` })).status).toBe(401);
    expect((await call("GET", `/api/board`, { authorization: "Bearer" })).status).toBe(401);
  });

  it("is allowed cross-site (no cookie to ride), while a cookie from another site is still refused", async () => {
    const tok = await createToken("cross-site", "admin");
    const crossSite = { origin: "https://evil.example.net", "sec-fetch-site": "cross-site" };
    const viaToken = await call(
      "POST",
      "/api/deployments",
      { ...bearer(tok.token), ...crossSite },
      deploymentBody("Cross-site by token"),
    );
    expect(viaToken.status).toBe(201);
    const viaCookie = await call(
      "POST",
      "/api/deployments",
      { cookie: admin, ...crossSite },
      deploymentBody("Cross-site by cookie"),
    );
    expect(viaCookie.status).toBe(403);
    expect((await viaCookie.json()).error.code).toBe("cross_site");
  });

  it("makes every use attributable in the audit log, under the token's name and id", async () => {
    const tok = await createToken("audited", "admin");
    await call("GET", "/api/board", bearer(tok.token));
    await call("POST", "/api/deployments", bearer(tok.token), deploymentBody("Audited"));
    await call("GET", "/api/tokens", bearer((await createToken("audited-viewer", "viewer")).token));
    const actor = `token:audited (${tok.id})`;
    const rows = await t.db.auditLog.findMany({ where: { username: actor }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.action === "deployment.create" ? r.detail : r.target, r.outcome])).toEqual([
      ["token.use", "GET /api/board", "ok"],
      ["token.use", "POST /api/deployments", "ok"],
      ["deployment.create", "Audited", "ok"],
    ]);
    const denied = await t.db.auditLog.findFirst({
      where: { username: { startsWith: "token:audited-viewer" }, action: "token.use" },
    });
    expect(denied).toMatchObject({ target: "GET /api/tokens", outcome: "denied" });
    const created = await t.db.auditLog.findFirst({ where: { action: "token.create", target: "audited" } });
    expect(created).toMatchObject({ username: "admin" });
  });
});
