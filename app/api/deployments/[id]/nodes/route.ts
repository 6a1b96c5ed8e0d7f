// GET /api/deployments/{id}/nodes (admin; passwords never shown, only passwordSet) · POST — add a node.
import { nodeInput } from "@/lib/domain/deployment-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { createNode, listNodes } from "@/lib/server/deployments/manage-nodes";
import { deploymentParams } from "@/lib/server/http/params";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { markProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin", params: deploymentParams }, async ({ params }) =>
  markProvisioned(getDb(), "node", await listNodes(getDb(), getSecretBox(), params.id)),
);

export const POST = route({ role: "admin", params: deploymentParams, body: nodeInput.strict() }, async (ctx) => {
  const node = await createNode(getDb(), getSecretBox(), ctx.params.id, ctx.body);
  await auditRequest(ctx, "node.create", node.id, `${node.role} ${node.name}`);
  return json(node, 201);
});
