import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/auth/password";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot, type Browser } from "../support/browser";
import { OIDC_CLIENT, OIDC_GROUPS, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { createTestDb, type TestDb } from "../support/test-db";

// Single sign-on against a real OpenID provider (oidc-provider) on loopback, driven by Chromium
// through its login form: authorization code + PKCE, state and nonce; groups mapped to roles.

let t: TestDb;
let idp: TestOidcProvider;
let app: AppServer;
let browser: Browser;

const ssoEnv = () => ({
  DATABASE_URL: t.url,
  EDGESCOPE_POLLER: "off",
  EDGESCOPE_SECRET_KEY: "e".repeat(64),
  EDGESCOPE_OIDC_ISSUER: idp.issuer,
  EDGESCOPE_OIDC_CLIENT_ID: OIDC_CLIENT.id,
  EDGESCOPE_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  EDGESCOPE_OIDC_NAME: "Test IdP",
  EDGESCOPE_OIDC_SCOPES: "openid profile groups",
  EDGESCOPE_OIDC_ADMIN_GROUPS: "noc-admins",
  EDGESCOPE_OIDC_ENGINEER_GROUPS: "noc-engineers, noc-oncall",
  EDGESCOPE_OIDC_VIEWER_GROUPS: "noc-viewers",
});

beforeAll(async () => {
  t = await createTestDb();
  idp = await startOidcProvider();
  // A local account already named like a provider user: single sign-on must not take it over.
  await t.db.user.create({
    data: { username: "eve.engineer", role: "viewer", passwordHash: await hashPassword("local-password-0123456789") },
  });
  app = await startAppServer(ssoEnv());
  idp.register(`${app.url}/api/auth/oidc/callback`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
  await t?.cleanup();
});

/** Signs in at the provider as `login`; returns where Edgescope sent the browser. */
async function signIn(login: string, base = app.url): Promise<URL> {
  const { page, context } = browser;
  await context.clearCookies();
  await page.goto(`${base}/login`);
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await page
    .locator('input[name="login"]')
    .waitFor({ timeout: 5000 })
    .catch(async (e) => {
      console.error(`not the provider login form at ${page.url()}:`, (await page.content()).slice(0, 2000));
      throw e;
    });
  expect(new URL(page.url()).origin).toBe(idp.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.origin === base && !u.pathname.startsWith("/api/"));
  return new URL(page.url());
}
const sessionCookie = async () => (await browser.context.cookies()).find((c) => c.name === "edgescope_session");

describe("single sign-on (OpenID Connect)", () => {
  it("shows 'Sign in with Test IdP' beside the local form", async () => {
    await browser.page.goto(`${app.url}/login`);
    await browser.page.getByRole("link", { name: "Sign in with Test IdP" }).waitFor();
    expect(await browser.page.locator('input[name="password"]').count()).toBe(1);
    await screenshot(browser.page, "sso-login");
  });

  it("sends an authorization request with PKCE (S256), state and nonce", async () => {
    const res = await fetch(`${app.url}/api/auth/oidc/login?next=/history`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location")!);
    expect(to.origin).toBe(idp.issuer);
    const p = to.searchParams;
    expect(p.get("response_type")).toBe("code");
    expect(p.get("client_id")).toBe(OIDC_CLIENT.id);
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(p.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(p.get("nonce")).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("edgescope_oidc="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc\/callback/i);
    expect(cookie).not.toContain(p.get("state")!); // sealed, not readable
  });

  it.each([
    ["ada.admin", "ada.admin", "admin"],
    ["eve.engineer", "eve.engineer-sso", "engineer"], // the local eve.engineer is left alone
    ["val.viewer", "val.viewer", "viewer"],
  ])("signs %s in as %s with the role %s from the groups", async (login, username, role) => {
    const landed = await signIn(login);
    expect(landed.pathname).toBe("/");
    await browser.page.getByTestId("current-user").waitFor();
    expect(await browser.page.getByTestId("current-user").textContent()).toBe(`${username} · ${role}`);
    if (role === "admin") await screenshot(browser.page, "sso-signed-in-admin");
    const me = await fetch(`${app.url}/api/auth/me`, {
      headers: { cookie: `edgescope_session=${(await sessionCookie())!.value}` },
    });
    expect((await me.json()).user).toMatchObject({ username, role });
    const user = await t.db.user.findUniqueOrThrow({ where: { username } });
    expect(user.passwordHash).toBe("!sso");
    expect(
      await t.db.oidcIdentity.findFirst({ where: { userId: user.id, subject: login, issuer: idp.issuer } }),
    ).not.toBeNull();
    expect(await t.db.auditLog.findFirst({ where: { action: "login.sso", username, outcome: "ok" } })).not.toBeNull();
  });

  it("follows the provider's groups at the next sign-in, for the same user", async () => {
    const before = await t.db.user.findUniqueOrThrow({ where: { username: "val.viewer" } });
    OIDC_GROUPS["val.viewer"] = ["noc-oncall"];
    try {
      await signIn("val.viewer");
      expect(await browser.page.getByTestId("current-user").textContent()).toBe("val.viewer · engineer");
      expect((await t.db.user.findUniqueOrThrow({ where: { username: "val.viewer" } })).id).toBe(before.id);
    } finally {
      OIDC_GROUPS["val.viewer"] = ["noc-viewers"];
    }
  });

  it("refuses a user whose groups grant no role, with a page that says so", async () => {
    const landed = await signIn("nora.nobody");
    expect(landed.pathname).toBe("/login");
    expect(landed.searchParams.get("sso")).toBe("no_role");
    const alert = browser.page.getByTestId("sso-refused");
    expect(await alert.textContent()).toContain("Access refused");
    expect(await alert.textContent()).toContain("Your Test IdP account is in none of the groups");
    expect(await sessionCookie()).toBeUndefined();
    expect(await t.db.user.findUnique({ where: { username: "nora.nobody" } })).toBeNull();
    await screenshot(browser.page, "sso-refused-no-role");
    const row = await t.db.auditLog.findFirst({
      where: { action: "login.sso", outcome: "denied" },
      orderBy: { id: "desc" },
    });
    expect(row?.detail).toMatch(/^no_role: nora\.nobody is in none of the groups/);
  });

  it.each([
    ["wrong-audience", /"aud" \(audience\)/],
    ["expired", /"exp" \(expiration time\)/],
  ] as const)("refuses an ID token that is %s, though signed by the provider", async (fault, reason) => {
    idp.fault = fault;
    try {
      const landed = await signIn("ada.admin");
      expect(landed.pathname).toBe("/login");
      expect(landed.searchParams.get("sso")).toBe("failed");
      expect(await browser.page.getByTestId("sso-refused").textContent()).toContain("Sign-in failed");
      expect(await sessionCookie()).toBeUndefined();
    } finally {
      idp.fault = null;
    }
    const row = await t.db.auditLog.findFirst({
      where: { action: "login.sso", outcome: "denied" },
      orderBy: { id: "desc" },
    });
    expect(row?.detail).toMatch(/^failed: /);
    expect(row?.detail).toMatch(reason);
  });

  it("refuses a callback that this browser did not start (no state cookie), or with a forged state", async () => {
    const res = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=forged`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?sso=state");
    const start = await fetch(`${app.url}/api/auth/oidc/login`, { redirect: "manual" });
    const cookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith("edgescope_oidc="))!
      .split(";")[0]!;
    const forged = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=forged`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(forged.headers.get("location")).toBe("/login?sso=failed");
  });
});

describe("local login off", () => {
  it("hides the password form, refuses POST /api/auth/login, and still signs in through the provider", async () => {
    const off = await startAppServer({ ...ssoEnv(), EDGESCOPE_LOCAL_LOGIN: "off" });
    idp.register(`${off.url}/api/auth/oidc/callback`);
    try {
      const res = await fetch(`${off.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "eve.engineer", password: "local-password-0123456789" }),
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("local_login_off");
      await browser.page.goto(`${off.url}/login`);
      await browser.page.getByRole("link", { name: "Sign in with Test IdP" }).waitFor();
      expect(await browser.page.locator('input[name="password"]').count()).toBe(0);
      await screenshot(browser.page, "sso-local-login-off");
      await signIn("ada.admin", off.url);
      expect(await browser.page.getByTestId("current-user").textContent()).toBe("ada.admin · admin");
    } finally {
      await off.stop();
    }
  });
});
