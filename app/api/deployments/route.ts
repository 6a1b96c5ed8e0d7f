// GET /api/deployments — every deployment with its nodes (no credentials) · POST — create one (admin).
import { deploymentInput } from "@/lib/domain/deployment-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { listDeployments } from "@/lib/server/deployments/list-deployments";
import { createDeployment } from "@/lib/server/deployments/manage-deployments";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { markProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async () =>
  markProvisioned(getDb(), "deployment", await listDeployments(getDb())),
);

export const POST = route({ role: "admin", body: deploymentInput.strict() }, async (ctx) => {
  const d = await createDeployment(getDb(), ctx.body);
  await auditRequest(ctx, "deployment.create", d.id, d.name);
  return json(d, 201);
});
