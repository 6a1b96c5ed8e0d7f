// GET /api/alerts?state=firing|resolved|silenced — alerts, newest first (viewer).
import { z } from "zod";
import { ALERT_LIST_STATES } from "@/lib/domain/alerts/inputs";
import { listAlerts } from "@/lib/server/alerts/manage-alerts";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const query = z.object({ state: z.enum(ALERT_LIST_STATES).optional() });

export const GET = route({ role: "viewer", query }, (ctx) => listAlerts(getDb(), ctx.query.state));
