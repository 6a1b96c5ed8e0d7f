// POST /api/deployments/{id}/poll — polls every node of the deployment now; answers the outcomes.
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { pollDeploymentNow } from "@/lib/server/deployments/poll-now";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "engineer", params: deploymentParams }, async (ctx) => {
  const result = await pollDeploymentNow(getDb(), ctx.params.id);
  await auditRequest(ctx, "deployment.poll", ctx.params.id);
  return result;
});
