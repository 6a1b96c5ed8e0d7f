// GET /api/deployments/{id}/checks[?probe=1] — every check with status, evidence, fix and domain ids,
// and the manual steps. ?probe=1 (engineer) runs the probes now; otherwise cached results are used.
import { getEnv } from "@/lib/env";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { checksQuery, probeModeFor } from "@/lib/server/checks/check-query";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/checks/probe-runner";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: deploymentParams, query: checksQuery }, async (ctx) => {
  const probes = probeModeFor(ctx.user, ctx.query);
  const result = await getDeploymentChecks(getDb(), getEnv(), getSecretBox(), ctx.params.id, { probes, runner: getProbeRunner() });
  if (probes !== "cached") await auditRequest(ctx, "deployment.probe", ctx.params.id, "checks");
  return result;
});
