// PUT /api/deployments/{id}/turn-credentials/{nodeId} {username,password} — the TURN credentials
// of one Expressway-E (C3/C5; CMS never returns them) · DELETE — forget them. Admin, audited.
import { turnCredentialInput } from "@/lib/domain/deployment-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { deleteTurnCredential, setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { nodeParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { refuseIfProvisioned } from "@/lib/server/provisioning/provisioned";

export const dynamic = "force-dynamic";

export const PUT = route({ role: "admin", params: nodeParams, body: turnCredentialInput.strict() }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "turnCredential", ctx.params.nodeId);
  const row = await setTurnCredential(getDb(), getSecretBox(), ctx.params.id, ctx.params.nodeId, ctx.body);
  await auditRequest(ctx, "turn-credential.set", ctx.params.nodeId, `${row.nodeName} username ${row.username}`);
  return row;
});

export const DELETE = route({ role: "admin", params: nodeParams }, async (ctx) => {
  await refuseIfProvisioned(getDb(), "turnCredential", ctx.params.nodeId);
  await deleteTurnCredential(getDb(), ctx.params.id, ctx.params.nodeId);
  await auditRequest(ctx, "turn-credential.delete", ctx.params.nodeId);
  return { ok: true };
});
