// GET /api/deployments/{id}/turn-rtt?minutes=60 — recent RTT per TURN host (V4) for the sparklines,
// at most 60 points per host. The rollups' history/rtt series will replace it.
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { getDeployment } from "@/lib/server/deployments/list-deployments";
import { getTurnRttRecent } from "@/lib/server/history/turn-rtt-recent";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const params = z.object({ id: idParam });
const query = z.object({ minutes: z.coerce.number({ message: "minutes must be a number" }).int().min(5).max(24 * 60).default(60) });

export const GET = route({ role: "viewer", params, query }, async ({ params, query }) => {
  await getDeployment(getDb(), params.id);
  return getTurnRttRecent(getDb(), params.id, query.minutes);
});
