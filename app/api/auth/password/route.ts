// POST /api/auth/password {currentPassword, newPassword} — changes the caller's own password.
import { z } from "zod";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { passwordProblem, passwordSchema, verifyPassword } from "@/lib/server/auth/password";
import { SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { route } from "@/lib/server/http/route";
import { changeOwnPassword } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

const body = z
  .object({ currentPassword: z.string().min(1, "Enter your current password").max(256), newPassword: passwordSchema })
  .refine((b) => b.currentPassword !== b.newPassword, {
    message: "The new password must differ from the current one",
    path: ["newPassword"],
  });

export const POST = route({ role: "viewer", body }, async (ctx) => {
  const problem = passwordProblem(ctx.body.newPassword, ctx.user.username);
  if (problem) throw new AppError(400, "bad_request", `newPassword: ${problem}`);
  const stored = await getDb().user.findUniqueOrThrow({ where: { id: ctx.user.id } });
  if (!(await verifyPassword(stored.passwordHash, ctx.body.currentPassword)))
    throw new AppError(400, "bad_password", "The current password is wrong.");
  await changeOwnPassword(getDb(), ctx.user.id, ctx.body.newPassword, ctx.req.cookies.get(SESSION_COOKIE)?.value);
  await auditRequest(ctx, "password.change", ctx.user.username);
  return { ok: true };
});
