// DELETE /api/tokens/{id} — revokes an API token at once (admin).
import { z } from "zod";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getDb } from "@/lib/server/db/client";
import { idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { revokeToken } from "@/lib/server/tokens/manage-tokens";

export const dynamic = "force-dynamic";

const params = z.object({ id: idParam });

export const DELETE = route(
  { role: "admin", params, summary: "Revoke an API token at once", response: z.object({ ok: z.literal(true) }) },
  async (ctx) => {
    const revoked = await revokeToken(getDb(), ctx.params.id);
    await auditRequest(ctx, "token.revoke", revoked.name, `id ${revoked.id}`);
    return { ok: true };
  },
);
