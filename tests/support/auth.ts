import type { Role } from "@/lib/domain/roles";
import { hashPassword } from "@/lib/server/auth/password";
import type { Db } from "@/lib/server/db/client";

export const TEST_PASSWORDS: Record<Role, string> = {
  viewer: "viewer-pass-0123456789",
  engineer: "engineer-pass-0123456789",
  admin: "admin-pass-0123456789",
};

/** One user per role, named after the role. */
export async function createRoleUsers(db: Db): Promise<void> {
  for (const [role, password] of Object.entries(TEST_PASSWORDS) as [Role, string][]) {
    await db.user.upsert({
      where: { username: role },
      create: { username: role, role, passwordHash: await hashPassword(password) },
      update: {},
    });
  }
}

/** Logs in through the API and returns the Cookie header value for later requests. */
export async function loginCookie(baseUrl: string, role: Role, password = TEST_PASSWORDS[role]): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: role, password }),
  });
  if (!res.ok) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("edgescope_session="));
  if (!cookie) throw new Error("login answered without a session cookie");
  return cookie.split(";")[0]!;
}
