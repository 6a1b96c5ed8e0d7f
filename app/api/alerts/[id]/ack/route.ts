// POST /api/alerts/{id}/ack — records who acknowledged the alert, and when (engineer).
import { z } from "zod";
import { ackAlert } from "@/lib/server/alerts/manage-alerts";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "engineer", params: z.object({ id: idParam }) }, async (ctx) => {
  await ackAlert(getDb(), ctx.params.id, ctx.user.username);
  await auditRequest(ctx, "alert.ack", ctx.params.id);
  return { ok: true };
});
