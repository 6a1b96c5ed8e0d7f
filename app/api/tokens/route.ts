// GET /api/tokens — every API token with its last use (admin) · POST {name, role, expiresAt?} — creates one; 201 {id, name, role, token} is the only time the secret is shown.
import { z } from "zod";
import { createdTokenSchema, createTokenSchema, tokenRowSchema } from "@/lib/domain/token-input";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { json } from "@/lib/server/http/respond";
import { route } from "@/lib/server/http/route";
import { createToken, listTokens } from "@/lib/server/tokens/manage-tokens";

export const dynamic = "force-dynamic";

export const GET = route(
  { role: "admin", summary: "API tokens with their last use", response: z.array(tokenRowSchema) },
  () => listTokens(getDb()),
);

export const POST = route(
  {
    role: "admin",
    body: createTokenSchema,
    response: createdTokenSchema,
    status: 201,
    summary: "Create an API token (the secret is in this answer only)",
  },
  async (ctx) => {
    const created = await createToken(getDb(), ctx.body, ctx.user.username);
    await auditRequest(
      ctx,
      "token.create",
      created.name,
      `id ${created.id}, role ${created.role}${created.expiresAt ? `, expires ${created.expiresAt.toISOString()}` : ""}`,
    );
    return json(created, 201);
  },
);
