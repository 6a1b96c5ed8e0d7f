import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/domain/roles";
import { hashPassword } from "@/lib/server/auth/password";
import type { Db } from "@/lib/server/db/client";

export type DemoCredentials = Record<Role, string>;

/**
 * One demo account per role, with passwords kept in a 0600 file beside the database so the demo
 * can print them at every start. Existing accounts are left alone.
 */
export async function ensureDemoUsers(db: Db, dataDir: string): Promise<DemoCredentials> {
  const file = path.join(dataDir, "demo-credentials.json");
  const creds: DemoCredentials = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as DemoCredentials)
    : {
        admin: crypto.randomBytes(9).toString("base64url"),
        engineer: crypto.randomBytes(9).toString("base64url"),
        viewer: crypto.randomBytes(9).toString("base64url"),
      };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  for (const [role, password] of Object.entries(creds) as [Role, string][]) {
    if (await db.user.findUnique({ where: { username: role } })) continue;
    await db.user.create({ data: { username: role, role, passwordHash: await hashPassword(password) } });
  }
  return creds;
}
