// POST /api/deployments/{id}/nodes/{nodeId}/test — polls every source of the node once, stores nothing.
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { testNodeConnection } from "@/lib/server/deployments/test-connection";
import { nodeParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", params: nodeParams }, async (ctx) => {
  const result = await testNodeConnection(getDb(), getSecretBox(), ctx.params.id, ctx.params.nodeId);
  await auditRequest(ctx, "node.test", ctx.params.nodeId, result.ok ? "ok" : "failed");
  return result;
});
