// GET /api/maintenance — windows, with whether each is in effect (viewer) · POST — adds one (engineer):
// {deploymentId|null, start, end, reason} or {deploymentId|null, cron, durationMinutes, timezone, reason}.
import { maintenanceInput } from "@/lib/domain/alerts/inputs";
import { createWindow, listWindows } from "@/lib/server/alerts/maintenance";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => listWindows(getDb()));

export const POST = route({ role: "engineer", body: maintenanceInput }, async (ctx) => {
  const w = await createWindow(getDb(), ctx.body, ctx.user.username);
  const when = w.cron ? `${w.cron} (${w.timezone}) for ${w.durationMinutes} min` : `${w.start} – ${w.end}`;
  await auditRequest(ctx, "maintenance.create", w.deploymentName ?? "all deployments", `${when}: ${w.reason}`);
  return json(w, 201);
});
