import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie, TEST_PASSWORDS } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let app: AppServer;

beforeAll(async () => {
  t = await createTestDb();
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "b".repeat(64) });
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("first start", () => {
  it("creates admin with a one-time password printed once, which must be changed before anything else", async () => {
    const line = app.output().match(/created user "admin" with one-time password: (\S+)/);
    expect(line).not.toBeNull();
    const once = line![1]!;
    const cookie = await loginCookie(app.url, "admin", once);
    const blocked = await fetch(`${app.url}/api/deployments`, { headers: { cookie } });
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe("password_change_required");
    const page = await fetch(`${app.url}/`, { headers: { cookie }, redirect: "manual" });
    expect(page.headers.get("location")).toMatch(/\/account\/password$/);

    const changed = await post(
      "/api/auth/password",
      { currentPassword: once, newPassword: "a-much-better-passphrase" },
      { cookie },
    );
    expect(changed.status).toBe(200);
    expect((await fetch(`${app.url}/api/deployments`, { headers: { cookie } })).status).toBe(200);
    await createRoleUsers(t.db);
  });
});

describe("sessions", () => {
  it("sets an httpOnly SameSite=Lax cookie, and logout ends the session", async () => {
    const res = await post("/api/auth/login", { username: "viewer", password: TEST_PASSWORDS.viewer });
    const set = res.headers.getSetCookie().join("\n");
    expect(set).toMatch(/edgescope_session=[\w-]{40,}/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=lax/i);
    expect(set).not.toMatch(/Secure/i); // plain HTTP on loopback; Secure is set over HTTPS
    const cookie = set.split(";")[0]!;
    expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    expect((await post("/api/auth/logout", {}, { cookie })).status).toBe(200);
    expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("marks the cookie Secure when the request came over HTTPS", async () => {
    const res = await post(
      "/api/auth/login",
      { username: "viewer", password: TEST_PASSWORDS.viewer },
      { "x-forwarded-proto": "https" },
    );
    expect(res.headers.getSetCookie().join("\n")).toMatch(/Secure/i);
  });

  it("rate-limits failed logins per user, and says when to retry", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await post("/api/auth/login", { username: "engineer", password: `wrong-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const locked = await post("/api/auth/login", { username: "engineer", password: TEST_PASSWORDS.engineer });
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/Try again in \d+ min/);
  });

  it("does not reveal whether a username exists", async () => {
    const unknown = await (await post("/api/auth/login", { username: "nobody", password: "x" })).json();
    const known = await (await post("/api/auth/login", { username: "admin", password: "x" })).json();
    expect(unknown).toEqual(known);
  });

  it("records logins and failures in the audit log, visible to admins", async () => {
    const cookie = await loginCookie(app.url, "admin", "a-much-better-passphrase");
    const rows = (await (await fetch(`${app.url}/api/audit?limit=500`, { headers: { cookie } })).json()) as {
      action: string;
      outcome: string;
      username: string;
    }[];
    expect(rows.some((r) => r.action === "login" && r.outcome === "failed" && r.username === "engineer")).toBe(true);
    expect(rows.some((r) => r.action === "login" && r.outcome === "denied")).toBe(true);
    expect(rows.some((r) => r.action === "password.change")).toBe(true);
  });
});

describe("headers and cross-site requests", () => {
  it("sends a nonce CSP without unsafe-eval and the other protective headers on pages", async () => {
    const res = await fetch(`${app.url}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("refuses a mutation coming from another site, even with a valid session", async () => {
    const cookie = await loginCookie(app.url, "admin", "a-much-better-passphrase");
    const body = { name: "Evil", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" };
    const evil = await post("/api/deployments", body, { cookie, origin: "https://evil.example.net" });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.code).toBe("cross_site");
    expect((await post("/api/deployments", body, { cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    const same = await post("/api/deployments", body, { cookie, origin: app.url });
    expect(same.status).toBe(201);
  });

  it("answers malformed JSON, wrong types and oversize bodies with 400/413 and a readable message", async () => {
    const cookie = await loginCookie(app.url, "admin", "a-much-better-passphrase");
    const send = (body: string) =>
      fetch(`${app.url}/api/deployments`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body,
      });
    const bad = await send("{nope");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe("Request body is not valid JSON");
    const wrong = await send(JSON.stringify({ name: 5, joinUrl: "not a host", callBridgeDomain: "example.com" }));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(
      /name: .*string.*joinUrl: Must be a fully qualified domain name/,
    );
    const huge = await send(JSON.stringify({ name: "x".repeat(300 * 1024) }));
    expect(huge.status).toBe(413);
  });
});

describe("configuration", () => {
  it("refuses to start with an invalid setting and names it", async () => {
    await expect(startAppServer({ DATABASE_URL: t.url, EDGESCOPE_RELAY_INTERVAL_MS: "5" })).rejects.toThrow(
      /exited with 1[\s\S]*EDGESCOPE_RELAY_INTERVAL_MS: Too small/,
    );
  });
});
