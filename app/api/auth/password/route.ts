// POST /api/auth/password {currentPassword, newPassword} — changes the caller's own password.
import { z } from "zod";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { passwordSchema, verifyPassword } from "@/lib/server/auth/password";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { route } from "@/lib/server/http/route";
import { changeOwnPassword } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

const body = z
  .object({ currentPassword: z.string().min(1, "Enter your current password").max(256), newPassword: passwordSchema })
  .refine((b) => b.currentPassword !== b.newPassword, { message: "The new password must differ from the current one", path: ["newPassword"] });

export const POST = route({ role: "viewer", body }, async (ctx) => {
  const stored = await getDb().user.findUniqueOrThrow({ where: { id: ctx.user.id } });
  if (!(await verifyPassword(stored.passwordHash, ctx.body.currentPassword))) throw new AppError(400, "bad_password", "The current password is wrong.");
  await changeOwnPassword(getDb(), ctx.user.id, ctx.body.newPassword);
  await auditRequest(ctx, "password.change", ctx.user.username);
  return { ok: true };
});
