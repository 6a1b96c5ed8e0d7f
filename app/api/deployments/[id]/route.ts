// GET /api/deployments/{id} · PUT (admin) {name?, joinUrl?, callBridgeDomain?} · DELETE (admin, with its nodes and history).
import { deploymentInput } from "@/lib/domain/deployment-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { getDeployment } from "@/lib/server/deployments/list-deployments";
import { deleteDeployment, updateDeployment } from "@/lib/server/deployments/manage-deployments";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { refuseIfProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: deploymentParams }, ({ params }) =>
  getDeployment(getDb(), params.id),
);

export const PUT = route(
  { role: "admin", params: deploymentParams, body: deploymentInput.partial().strict() },
  async (ctx) => {
    await refuseIfProvisioned(getDb(), "deployment", ctx.params.id);
    const d = await updateDeployment(getDb(), ctx.params.id, ctx.body);
    await auditRequest(ctx, "deployment.update", d.id, Object.keys(ctx.body).join(", "));
    return d;
  },
);

export const DELETE = route({ role: "admin", params: deploymentParams }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "deployment", ctx.params.id);
  await deleteDeployment(getDb(), ctx.params.id);
  await auditRequest(ctx, "deployment.delete", ctx.params.id);
  return { ok: true };
});
