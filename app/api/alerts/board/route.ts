// GET /api/alerts/board — deployments with firing alerts (bell) and in maintenance (stripe), for the board (viewer).
import { getBoardAlertMarks } from "@/lib/server/alerts/manage-alerts";
import { getDb } from "@/lib/server/db/client";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => getBoardAlertMarks(getDb()));
