// DELETE /api/maintenance/{id} — ends and removes a window (engineer).
import { z } from "zod";
import { deleteWindow } from "@/lib/server/alerts/maintenance";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const DELETE = route({ role: "engineer", params: z.object({ id: idParam }) }, async (ctx) => {
  await deleteWindow(getDb(), ctx.params.id);
  await auditRequest(ctx, "maintenance.delete", ctx.params.id);
  return { ok: true };
});
