// GET /api/deployments/{id}/support-bundle[?node=<nodeId>][&fresh=1] — admin: the raw answers of the
// last poll of every source (of one node, or every node), secrets redacted, as a JSON download.
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { deploymentParams, idParam } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";
import { getPoller } from "@/lib/server/poller/instance";
import { buildSupportBundle, bundleFileName } from "@/lib/server/support/support-bundle";

export const dynamic = "force-dynamic";

const query = z.object({ node: idParam.optional(), fresh: z.enum(["0", "1"]).optional() });

export const GET = route({ role: "admin", params: deploymentParams, query }, async (ctx) => {
  const bundle = await buildSupportBundle(getDb(), getEnv(), getSecretBox(), getPoller().captures, ctx.params.id, {
    nodeId: ctx.query.node,
    fresh: ctx.query.fresh === "1",
  });
  await auditRequest(
    ctx,
    "deployment.support-bundle",
    ctx.params.id,
    ctx.query.node ? `node ${ctx.query.node}` : "all nodes",
  );
  const name = bundleFileName(bundle, ctx.query.node ? bundle.nodes[0]?.name : undefined);
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
