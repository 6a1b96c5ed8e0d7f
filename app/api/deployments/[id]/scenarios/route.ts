// GET /api/deployments/{id}/scenarios — the verdict engine's T1–T4 answer from the checks, with
// cached probe results.
// POST /api/deployments/{id}/scenarios {probe?, evidence?} — the same engine over a
// troubleshooting case: the findings of the evidence the engineer attached join the checks, and
// `probe: true` runs every probe afresh first (audited).
import { getEnv } from "@/lib/env";
import { auditRequest } from "@/lib/server/audit/audit-request";
import { checksQuery, scenariosBody } from "@/lib/domain/checks-input";
import { getDeploymentScenarios } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { getSecretBox } from "@/lib/server/crypto/secrets";
import { getDb } from "@/lib/server/db/client";
import { deploymentParams } from "@/lib/server/http/params";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: deploymentParams, query: checksQuery }, async (ctx) =>
  getDeploymentScenarios(getDb(), getEnv(), getSecretBox(), ctx.params.id, {
    probes: "cached",
    runner: getProbeRunner(),
  }),
);

export const POST = route({ role: "engineer", params: deploymentParams, body: scenariosBody }, async (ctx) => {
  const probes = ctx.body.probe ? "force" : "cached";
  const result = await getDeploymentScenarios(
    getDb(),
    getEnv(),
    getSecretBox(),
    ctx.params.id,
    { probes, runner: getProbeRunner() },
    ctx.body.evidence,
  );
  if (ctx.body.probe) await auditRequest(ctx, "deployment.probe", ctx.params.id, "scenarios");
  return result;
});
