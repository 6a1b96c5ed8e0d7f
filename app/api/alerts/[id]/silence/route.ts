// POST /api/alerts/{id}/silence {minutes} — no messages about this alert until then (engineer).
import { z } from "zod";
import { silenceInput } from "@/lib/domain/alerts/inputs";
import { silenceAlert } from "@/lib/server/alerts/manage-alerts";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "engineer", params: z.object({ id: idParam }), body: silenceInput }, async (ctx) => {
  const until = await silenceAlert(getDb(), ctx.params.id, ctx.body.minutes, ctx.user.username);
  await auditRequest(ctx, "alert.silence", ctx.params.id, `${ctx.body.minutes} min`);
  return { ok: true, silencedUntil: until.toISOString() };
});
