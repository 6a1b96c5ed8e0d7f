import type { Role } from "@/lib/domain/roles";
import { startAppServer, type AppServer } from "./app-server";
import { createRoleUsers, loginCookie } from "./auth";
import { launchBrowser, type Browser } from "./browser";
import { startLabFixture, type LabFixture } from "./lab-fixture";

export interface LabApp {
  f: LabFixture;
  app: AppServer;
  /** Session cookie of `role`, for fetch() calls. */
  cookie: string;
  /** A chromium logged in as `role`; absent when `browser: false`. */
  browser?: Browser;
  stop(): Promise<void>;
}

/**
 * The whole product against the lab: a seeded database with one user per role, the production
 * build (`next start`) polling the lab, and optionally chromium logged in as `role`.
 */
export async function startLabApp(
  o: {
    role?: Role;
    env?: Record<string, string>;
    browser?: boolean;
    viewport?: { width: number; height: number };
  } = {},
): Promise<LabApp> {
  const f = await startLabFixture();
  await createRoleUsers(f.t.db);
  const app = await startAppServer({
    DATABASE_URL: f.t.url,
    EDGESCOPE_SECRET_KEY: f.env.EDGESCOPE_SECRET_KEY!,
    EDGESCOPE_HTTP_TIMEOUT_MS: "1500",
    ...o.env,
  });
  const cookie = await loginCookie(app.url, o.role ?? "engineer");
  let browser: Browser | undefined;
  if (o.browser !== false) {
    browser = await launchBrowser(o.viewport);
    const [name, value] = cookie.split("=") as [string, string];
    await browser.context.addCookies([{ name, value, url: app.url }]);
  }
  return {
    f,
    app,
    cookie,
    browser,
    async stop() {
      await browser?.close();
      await app.stop();
      await f.stop();
    },
  };
}
