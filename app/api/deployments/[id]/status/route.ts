// GET /api/deployments/{id}/status — latest data per node and source, with age and outcome.
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/server/db/client";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: deploymentParams }, ({ params }) =>
  getDeploymentStatus(getDb(), getEnv(), params.id),
);
