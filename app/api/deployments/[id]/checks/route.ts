// GET /api/deployments/{id}/checks — every check with status, evidence, fix and domain ids, and the
// manual steps, from cached probe results (each check says when its probes ran).
// POST /api/deployments/{id}/checks — "Run probes now" (engineer, audited): every probe runs
// afresh, never a reused result, and the answer holds the checks with those results.
import { getEnv } from "@/lib/env";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { checksQuery } from "@/lib/domain/checks-input";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: deploymentParams, query: checksQuery }, async (ctx) =>
  getDeploymentChecks(getDb(), getEnv(), getSecretBox(), ctx.params.id, { probes: "cached", runner: getProbeRunner() }),
);

export const POST = route({ role: "engineer", params: deploymentParams }, async (ctx) => {
  const result = await getDeploymentChecks(getDb(), getEnv(), getSecretBox(), ctx.params.id, {
    probes: "force",
    runner: getProbeRunner(),
  });
  await auditRequest(ctx, "deployment.probe", ctx.params.id, "checks");
  return result;
});
