import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/roles";
import { startAppServer, type AppServer } from "../support/app-server";
import { findAppRoutes } from "../support/app-routes";
import { createRoleUsers, loginCookie } from "../support/auth";
import { createTestDb, type TestDb } from "../support/test-db";

// Every page and API route the app defines, with the least role it needs. A route missing from
// this table fails the first test: nothing ships without a decision about who may use it.
type Need = Role | "public";
const EXPECTED: Record<string, Need> = {
  "GET /": "viewer",
  "GET /login": "public",
  "GET /account/password": "viewer",
  "GET /deployments/[id]": "viewer",
  "GET /history": "viewer",
  "GET /troubleshoot": "engineer",
  "GET /admin/users": "admin",
  "GET /admin/audit": "admin",
  "GET /admin/settings": "admin",
  "GET /admin/tokens": "admin",
  "GET /api/health": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "viewer",
  "GET /api/auth/me": "viewer",
  "POST /api/auth/password": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PUT /api/users/[id]": "admin",
  "DELETE /api/users/[id]": "admin",
  "GET /api/audit": "admin",
  "GET /api/settings": "admin",
  "PUT /api/settings": "admin",
  "GET /api/board": "viewer",
  "GET /api/deployments": "viewer",
  "POST /api/deployments": "admin",
  "GET /api/deployments/[id]": "viewer",
  "PUT /api/deployments/[id]": "admin",
  "DELETE /api/deployments/[id]": "admin",
  "GET /api/deployments/[id]/status": "viewer",
  "POST /api/deployments/[id]/poll": "engineer",
  "GET /api/deployments/[id]/history/[series]": "viewer",
  "GET /api/deployments/[id]/nodes": "admin",
  "POST /api/deployments/[id]/nodes": "admin",
  "PUT /api/deployments/[id]/nodes/[nodeId]": "admin",
  "DELETE /api/deployments/[id]/nodes/[nodeId]": "admin",
  "POST /api/deployments/[id]/nodes/[nodeId]/test": "admin",
  "POST /api/probes/[probe]": "engineer",
  "GET /api/analyze": "engineer",
  "POST /api/analyze/[kind]": "engineer",
  "GET /api/deployments/[id]/checks": "viewer",
  "POST /api/deployments/[id]/checks": "engineer",
  "GET /api/deployments/[id]/scenarios": "viewer",
  "POST /api/deployments/[id]/scenarios": "engineer",
  "GET /api/deployments/[id]/turn-credentials": "admin",
  "PUT /api/deployments/[id]/turn-credentials/[nodeId]": "admin",
  "DELETE /api/deployments/[id]/turn-credentials/[nodeId]": "admin",
  "GET /api/deployments/[id]/support-bundle": "admin",
  // Certificate audit and capacity forecast (docs/certificates.md, docs/capacity.md); Audit now (POST) needs engineer.
  "GET /certificates": "viewer",
  "GET /api/certificates": "viewer",
  "POST /api/certificates": "engineer",
  "GET /api/deployments/[id]/forecast": "viewer",
  "GET /api/tokens": "admin",
  "GET /metrics": "viewer",
  "GET /api/openapi.json": "viewer",
  "GET /api-docs": "viewer",
  "GET /api/auth/oidc/login": "public",
  "GET /api/auth/oidc/callback": "public",
  "POST /api/tokens": "admin",
  "DELETE /api/tokens/[id]": "admin",
  // Deployments as code: the configuration as a provisioning file (docs/integrations.md).
  "GET /api/export": "admin",
  // Alerting: viewers see alerts and windows, engineers acknowledge, silence and plan maintenance,
  // admins manage rules and channels.
  "GET /alerts": "viewer",
  "GET /alerts/rules": "engineer",
  "GET /alerts/channels": "engineer",
  "GET /maintenance": "viewer",
  "GET /api/alerts": "viewer",
  "GET /api/alerts/board": "viewer",
  "POST /api/alerts/[id]/ack": "engineer",
  "POST /api/alerts/[id]/silence": "engineer",
  "GET /api/alerts/channels": "engineer",
  "POST /api/alerts/channels": "admin",
  "PUT /api/alerts/channels/[id]": "admin",
  "DELETE /api/alerts/channels/[id]": "admin",
  "POST /api/alerts/channels/[id]/test": "admin",
  "GET /api/alerts/rules": "engineer",
  "POST /api/alerts/rules": "admin",
  "PUT /api/alerts/rules/[id]": "admin",
  "DELETE /api/alerts/rules/[id]": "admin",
  "GET /api/maintenance": "viewer",
  "POST /api/maintenance": "engineer",
  "DELETE /api/maintenance/[id]": "engineer",
};
const BELOW: Record<Role, Role | null> = { viewer: null, engineer: "viewer", admin: "engineer" };

let t: TestDb;
let app: AppServer;
const cookies: Partial<Record<Role, string>> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  await createRoleUsers(t.db);
  const d = await t.db.deployment.create({
    data: { name: "Walk", joinUrl: "webbridge.example.com", callBridgeDomain: "example.com" },
  });
  const n = await t.db.node.create({
    data: {
      deploymentId: d.id,
      role: "CMS",
      name: "cms",
      baseUrl: "https://192.0.2.20",
      username: "api",
      passwordEnc: "v1:x:y:z",
    },
  });
  ids = { id: d.id, nodeId: n.id, series: "relay-usage", probe: "port", kind: "cms-log" };
  app = await startAppServer({ DATABASE_URL: t.url, EDGESCOPE_POLLER: "off", EDGESCOPE_SECRET_KEY: "a".repeat(64) });
  for (const role of ["viewer", "engineer", "admin"] as const) cookies[role] = await loginCookie(app.url, role);
});
afterAll(async () => {
  await app?.stop();
  await t?.cleanup();
});

/** Mutations go to ids that do not exist, so a permitted call can never destroy the fixture. */
const fill = (pattern: string, method: string) =>
  pattern.replace(/\[(\w+)\]/g, (_, k: string) =>
    method !== "GET" && !["series", "probe", "kind"].includes(k) ? "cnotfound00000000000000000" : ids[k]!,
  );

async function call(method: string, url: string, cookie?: string) {
  const res = await fetch(`${app.url}${url}`, {
    method,
    redirect: "manual",
    headers: { ...(cookie ? { cookie } : {}), ...(method === "GET" ? {} : { "content-type": "application/json" }) },
    body: method === "GET" ? undefined : "{}",
  });
  await res.arrayBuffer();
  return res.status;
}

const routes = () => findAppRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`));

describe("every route is behind the right role", () => {
  it("has an expected role for every route the app defines, and no stale entries", () => {
    expect(routes().sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("answers 401 to anonymous callers on everything but the login page, login and health", async () => {
    for (const key of routes()) {
      const [method, pattern] = key.split(" ") as [string, string];
      const status = await call(method, fill(pattern, method));
      if (EXPECTED[key] === "public") expect(status, key).not.toBe(401);
      else expect(status, key).toBe(401);
    }
  });

  it("answers 403 to a role one step too low", async () => {
    let checked = 0;
    for (const key of routes()) {
      const need = EXPECTED[key]!;
      const below = need === "public" ? null : BELOW[need];
      if (!below) continue;
      const [method, pattern] = key.split(" ") as [string, string];
      expect(await call(method, fill(pattern, method), cookies[below]), key).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("lets the required role through (no 401/403)", async () => {
    for (const key of routes()) {
      const need = EXPECTED[key]!;
      if (need === "public" || key === "POST /api/auth/logout") continue;
      const [method, pattern] = key.split(" ") as [string, string];
      const status = await call(method, fill(pattern, method), cookies[need]);
      expect([401, 403], `${key} → ${status}`).not.toContain(status);
    }
  });
});
