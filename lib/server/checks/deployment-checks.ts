import "server-only";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import type { CaseEvidence, ChecksResponse, ScenariosResponse } from "@/lib/domain/checks";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { detect } from "@/lib/server/scenarios";
import { notFound } from "@/lib/server/http/app-error";
import { buildCheckContexts, type ContextOptions } from "./context";
import { evaluateChecks, MANUAL_STEPS } from "./index";

// The two answers of the checks API: every check with its evidence and fix, and the verdict
// engine's T1–T4 answer over those checks and the evidence a troubleshooting case attached.

export type ChecksOptions = ContextOptions;

/** A deployment's checks with the status they were evaluated on. */
export interface EvaluatedDeployment {
  status: DeploymentStatus;
  checks: ChecksResponse;
}

/** The checks of the given deployments (every one when omitted), in one batched read. */
export async function evaluateDeployments(
  db: Db,
  env: Env,
  box: SecretBox,
  ids: readonly string[] | undefined,
  o: ChecksOptions,
): Promise<EvaluatedDeployment[]> {
  const contexts = await buildCheckContexts(db, env, box, ids, o);
  return contexts.map(({ status, ctx }) => ({
    status,
    checks: {
      deploymentId: ctx.deployment.id,
      generatedAt: new Date(ctx.now).toISOString(),
      probed: o.probes !== "cached",
      checks: evaluateChecks(ctx),
      manual: [...MANUAL_STEPS],
    },
  }));
}

/** One deployment's checks (a batch of one). */
export async function getDeploymentChecks(
  db: Db,
  env: Env,
  box: SecretBox,
  id: string,
  o: ChecksOptions,
): Promise<ChecksResponse> {
  const [one] = await evaluateDeployments(db, env, box, [id], o);
  if (!one) throw notFound(`Deployment ${id}`);
  return one.checks;
}

export async function getDeploymentScenarios(
  db: Db,
  env: Env,
  box: SecretBox,
  id: string,
  o: ChecksOptions,
  evidence: CaseEvidence[] = [],
): Promise<ScenariosResponse> {
  const checks = await getDeploymentChecks(db, env, box, id, o);
  const d = detect(checks.checks, evidence, Date.parse(checks.generatedAt));
  return {
    deploymentId: id,
    generatedAt: checks.generatedAt,
    probed: checks.probed,
    scenarios: d.scenarios,
    leading: d.leading,
    checks: checks.checks,
    unrelated: d.unrelated,
    evidence: evidence.map((e) => ({
      fileName: e.fileName,
      kind: e.kind,
      bytes: e.bytes ?? null,
      findings: e.findings.length,
    })),
  };
}
