import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/auth/password";
import { SecretBox } from "@/lib/server/crypto/secret-box";
import { createCa, issueServerCert } from "@/lib/server/lab/certificates";
import { startAppServer, type AppServer } from "../support/app-server";
import { createRoleUsers, loginCookie, TEST_PASSWORDS } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// The audit's findings as a caller meets them: the production build under `next start`.
const KEY = "e".repeat(64);
let t: TestDb;
let app: AppServer;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: KEY });
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});
// Every test starts with fresh login counters: they would otherwise carry one test's failures into the next.
beforeEach(async () => {
  await t.db.loginThrottle.deleteMany();
});

const login = (base: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username, password }),
  });

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};
const randomIp = () => `203.0.113.${1 + crypto.randomInt(250)}`;

describe("login limits over HTTP", () => {
  it("a burst of parallel guesses at one account gets at most the limit checked", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(app.url, "viewer", `wrong-guess-${i}`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });

  it("ignores X-Forwarded-For from an untrusted peer: a forged header neither resets the per-address limit nor lands in the audit log", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await login(app.url, `nobody-${i}`, "wrong-password", { "x-forwarded-for": randomIp() })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429); // the 21st account from the same socket address
    const rows = await t.db.auditLog.findMany({ where: { action: "login", username: { startsWith: "nobody-" } } });
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
  });

  it("believes X-Forwarded-For from a configured proxy", async () => {
    const proxied = await createTestDb();
    await createRoleUsers(proxied.db);
    const behind = await startAppServer({
      DATABASE_URL: proxied.url,
      EDGESCOPE_POLLER: "off",
      EDGESCOPE_SECRET_KEY: KEY,
      EDGESCOPE_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8",
    });
    try {
      for (let i = 0; i < 5; i++)
        expect((await login(behind.url, "viewer", `wrong-${i}`, { "x-forwarded-for": "198.51.100.23" })).status).toBe(
          401,
        );
      expect(
        (await login(behind.url, "viewer", TEST_PASSWORDS.viewer, { "x-forwarded-for": "198.51.100.23" })).status,
      ).toBe(429);
      // Another client behind the same proxy (through a second, trusted hop), with a forged first entry.
      expect(
        (
          await login(behind.url, "viewer", TEST_PASSWORDS.viewer, {
            "x-forwarded-for": "198.51.100.23, 192.0.2.44, 10.1.1.1",
          })
        ).status,
      ).toBe(200);
      const ips = (await proxied.db.auditLog.findMany({ where: { action: "login" } })).map((r) => r.ip);
      expect(new Set(ips)).toEqual(new Set(["198.51.100.23", "192.0.2.44"]));
    } finally {
      await behind.stop();
      await proxied.cleanup();
    }
  });
});

describe("requests the audit found mishandled", () => {
  it("refuses JSON bodies not sent as application/json with 415", async () => {
    const cookie = await loginCookie(app.url, "admin");
    const body = JSON.stringify({ name: "Plain", joinUrl: "join.example.com", callBridgeDomain: "example.com" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await fetch(`${app.url}/api/deployments`, {
        method: "POST",
        headers: { cookie, "content-type": type },
        body,
      });
      expect(res.status, type).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
    expect(await t.db.deployment.count({ where: { name: "Plain" } })).toBe(0);
    const ok = await fetch(`${app.url}/api/deployments`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json; charset=utf-8" },
      body,
    });
    expect(ok.status).toBe(201);
  });

  it.each([
    ["GET", "/api/deployments/%E0%A4%A"],
    ["GET", "/api/deployments/%zz/nodes"],
    ["GET", "/api/deployments/%/status"],
    ["PUT", "/api/users/%C0%AF"],
    ["DELETE", "/api/deployments/%E0%A4%A/nodes/%zz"],
    ["GET", "/deployments/%E0%A4%A"],
  ])("answers a malformed percent-encoding in %s %s with the JSON 400 and the security headers", async (method, p) => {
    const cookie = await loginCookie(app.url, "admin");
    const res = await fetch(`${app.url}${p}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      body: method === "GET" ? undefined : "{}",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "bad_path", message: expect.stringMatching(/percent-encoding/) },
    });
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k), k).toBe(v);
  });

  it("sends the CSP on page responses to router prefetches too", async () => {
    const cookie = await loginCookie(app.url, "viewer");
    for (const [p, headers] of [
      ["/login", {}],
      ["/", { cookie }],
      ["/history", { cookie }],
    ] as const) {
      const res = await fetch(`${app.url}${p}`, { headers: { ...headers, "next-router-prefetch": "1" } });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, p).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, p).toContain("frame-ancestors 'none'");
    }
  });

  it("changing your own password over the API ends your other sessions", async () => {
    await t.db.user.create({
      data: { username: "sam", role: "viewer", passwordHash: await hashPassword("sams-first-passphrase") },
    });
    const here = (await login(app.url, "sam", "sams-first-passphrase")).headers.getSetCookie()[0]!.split(";")[0]!;
    const there = (await login(app.url, "sam", "sams-first-passphrase")).headers.getSetCookie()[0]!.split(";")[0]!;
    const weak = await fetch(`${app.url}/api/auth/password`, {
      method: "POST",
      headers: { cookie: here, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: "sams-first-passphrase", newPassword: "password1234" }),
    });
    expect(weak.status).toBe(400);
    const changed = await fetch(`${app.url}/api/auth/password`, {
      method: "POST",
      headers: { cookie: here, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: "sams-first-passphrase", newPassword: "sams-second-passphrase" }),
    });
    expect(changed.status).toBe(200);
    expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie: here } })).status).toBe(200);
    expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie: there } })).status).toBe(401);
  });
});

describe("the secret key at start", () => {
  it("refuses to start with a bad EDGESCOPE_SECRET_KEY, naming the variable", async () => {
    await expect(
      startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "not-a-32-byte-key" }),
    ).rejects.toThrow(/exited with 1[\s\S]*EDGESCOPE_SECRET_KEY: must be 32 bytes/);
  });

  it("says loudly when the key file is gone but sealed passwords remain, and lists them as unreadable", async () => {
    const lost = await createTestDb();
    await createRoleUsers(lost.db);
    const d = await lost.db.deployment.create({
      data: { name: "Lost key", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
    });
    const oldBox = new SecretBox(crypto.randomBytes(32)); // the key that was in the missing file
    const node = await lost.db.node.create({
      data: {
        deploymentId: d.id,
        role: "CMS",
        name: "cms",
        baseUrl: "https://192.0.2.20",
        username: "api",
        passwordEnc: oldBox.seal("sealed-node-password"),
      },
    });
    const keyFile = path.join(lost.dir, "keys", "secret.key");
    const server = await startAppServer({
      DATABASE_URL: lost.url,
      EDGESCOPE_POLLER: "off",
      EDGESCOPE_KEY_FILE: keyFile,
    });
    try {
      expect(server.output()).toMatch(
        /KEY FILE MISSING: .*secret\.key does not exist, but the database holds 1 node password/,
      );
      expect(fs.existsSync(keyFile)).toBe(true); // a new key for passwords entered from now on
      const cookie = await loginCookie(server.url, "admin");
      const nodes = await (await fetch(`${server.url}/api/deployments/${d.id}/nodes`, { headers: { cookie } })).json();
      expect(nodes).toEqual([expect.objectContaining({ id: node.id, passwordSet: false, passwordUnreadable: true })]);
      const test = await fetch(`${server.url}/api/deployments/${d.id}/nodes/${node.id}/test`, {
        method: "POST",
        headers: { cookie },
      });
      expect(test.status).toBe(409);
      expect((await test.json()).error.message).toMatch(/^Password unreadable/);
    } finally {
      await server.stop();
      await lost.cleanup();
    }
  });
});

describe("SIGTERM", () => {
  it("reports draining at once and does not wait for a stalled node's timeout", async () => {
    const ca = await createCa("Drain test CA");
    const cert = await issueServerCert(ca, { commonName: "127.0.0.1", ipAddresses: ["127.0.0.1"] });
    let requests = 0;
    // A node that accepts each request and never answers: every poll stays in flight for the full timeout.
    const stalled = https.createServer({ cert: cert.certPem, key: cert.keyPem }, () => void requests++);
    await new Promise<void>((r) => stalled.listen(0, "127.0.0.1", r));
    const slow = await createTestDb();
    const d = await slow.db.deployment.create({
      data: { name: "Slow", joinUrl: "join.example.com", callBridgeDomain: "example.com" },
    });
    await slow.db.node.create({
      data: {
        deploymentId: d.id,
        role: "CMS",
        name: "cms",
        baseUrl: `https://127.0.0.1:${(stalled.address() as AddressInfo).port}`,
        username: "api",
        passwordEnc: new SecretBox(Buffer.from(KEY, "hex")).seal("pw"),
        caPem: ca.certPem,
      },
    });
    const server = await startAppServer({
      DATABASE_URL: slow.url,
      EDGESCOPE_SECRET_KEY: KEY,
      EDGESCOPE_HTTP_TIMEOUT_MS: "120000",
      EDGESCOPE_TICK_MS: "200",
    });
    try {
      for (let i = 0; i < 150 && requests === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(requests).toBeGreaterThan(0); // a poll cycle is in flight
      const exited = new Promise<number>((resolve) => server.proc.once("exit", () => resolve(Date.now())));
      const signalledAt = Date.now();
      server.proc.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      expect((await health.json()).status).toBe("draining");
      // The node would hold each request 120 s; the stop is capped (10 s) well before that.
      expect((await exited) - signalledAt).toBeLessThan(40_000);
      expect(server.output()).toMatch(/still in flight after 10 s: stopping without them/);
    } finally {
      await server.stop("SIGKILL");
      stalled.closeAllConnections();
      stalled.close();
      await slow.cleanup();
    }
  }, 90_000);
});
