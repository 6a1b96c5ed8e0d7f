// GET /api/health — liveness for load balancers and the NOC: database and poller state.
import { getHealth } from "@/lib/server/health";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "public" }, async () => {
  const health = await getHealth();
  return json(health, health.status === "ok" ? 200 : 503);
});
