// PUT /api/users/{id} {role?, password?} · DELETE /api/users/{id} — admin only.
import { z } from "zod";
import { roleSchema } from "@/lib/domain/user-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { passwordSchema } from "@/lib/server/auth/password";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { deleteUser, updateUser } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

const params = z.object({ id: idParam });
const body = z
  .object({ role: roleSchema.optional(), password: passwordSchema.optional() })
  .refine((b) => b.role || b.password, "Give a new role or a new password");

export const PUT = route({ role: "admin", params, body }, async (ctx) => {
  const user = await updateUser(getDb(), ctx.params.id, ctx.body);
  await auditRequest(
    ctx,
    "user.update",
    user.username,
    [ctx.body.role && `role ${ctx.body.role}`, ctx.body.password && "password reset"].filter(Boolean).join(", "),
  );
  return user;
});

export const DELETE = route({ role: "admin", params }, async (ctx) => {
  await deleteUser(getDb(), ctx.params.id, ctx.user.id);
  await auditRequest(ctx, "user.delete", ctx.params.id);
  return { ok: true };
});
