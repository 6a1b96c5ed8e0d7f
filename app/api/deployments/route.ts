// GET /api/deployments — every deployment with its nodes (no credentials).
import { getDb } from "@/lib/server/db/client";
import { listDeployments } from "@/lib/server/deployments/list-deployments";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => listDeployments(getDb()));
