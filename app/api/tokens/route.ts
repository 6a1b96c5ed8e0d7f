// GET /api/tokens — every API token with its last use (admin) · POST {name, role, expiresAt?} — creates one; 201 {id, name, role, token} is the only time the secret is shown.
import { createTokenSchema } from "@/lib/domain/token-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { createToken, listTokens } from "@/lib/server/tokens/manage-tokens";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, () => listTokens(getDb()));

export const POST = route({ role: "admin", body: createTokenSchema }, async (ctx) => {
  const created = await createToken(getDb(), ctx.body, ctx.user.username);
  await auditRequest(ctx, "token.create", created.name, `id ${created.id}, role ${created.role}${created.expiresAt ? `, expires ${created.expiresAt.toISOString()}` : ""}`);
  return json(created, 201);
});
