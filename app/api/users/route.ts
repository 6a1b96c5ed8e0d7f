// GET /api/users — every account (admin) · POST /api/users {username, password, role} — adds one.
import { z } from "zod";
import { roleSchema, usernameSchema } from "@/lib/domain/user-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { refuseUsernameAsPassword } from "@/lib/domain/password-rules";
import { passwordSchema } from "@/lib/server/auth/password";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { createUser, listUsers } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, () => listUsers(getDb()));

const body = z
  .object({ username: usernameSchema, password: passwordSchema, role: roleSchema })
  .superRefine((b, ctx) => refuseUsernameAsPassword(b.username, b.password, ctx));

export const POST = route({ role: "admin", body }, async (ctx) => {
  const user = await createUser(getDb(), ctx.body);
  await auditRequest(ctx, "user.create", user.username, `role ${user.role}`);
  return json(user, 201);
});
