// GET /api/settings · PUT /api/settings {rawSampleRetentionDays?, rollup{Minute,Hour,Day}RetentionDays?, pollRunRetentionDays?, auditRetentionDays?} — admin.
import { settingsPatchSchema } from "@/lib/domain/settings";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";
import { getSettings, updateSettings } from "@/lib/server/settings/settings-store";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, () => getSettings(getDb()));

const body = settingsPatchSchema;

export const PUT = route({ role: "admin", body }, async (ctx) => {
  const next = await updateSettings(getDb(), ctx.body);
  await auditRequest(ctx, "settings.update", undefined, JSON.stringify(ctx.body));
  return next;
});
