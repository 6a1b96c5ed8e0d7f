// PUT /api/deployments/{id}/nodes/{nodeId} (fields to change; omit password to keep it) · DELETE — admin.
import { nodeUpdateInput } from "@/lib/domain/deployment-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { deleteNode, updateNode } from "@/lib/server/deployments/manage-nodes";
import { nodeParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { refuseIfProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const PUT = route({ role: "admin", params: nodeParams, body: nodeUpdateInput.strict() }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "node", ctx.params.nodeId);
  const node = await updateNode(getDb(), getSecretBox(), ctx.params.id, ctx.params.nodeId, ctx.body);
  // Field names only: the detail never carries a password.
  await auditRequest(ctx, "node.update", node.id, Object.keys(ctx.body).join(", "));
  return node;
});

export const DELETE = route({ role: "admin", params: nodeParams }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "node", ctx.params.nodeId);
  await deleteNode(getDb(), ctx.params.id, ctx.params.nodeId);
  await auditRequest(ctx, "node.delete", ctx.params.nodeId);
  return { ok: true };
});
