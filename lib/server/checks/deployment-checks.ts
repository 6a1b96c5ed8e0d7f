import "server-only";
import type { ChecksResponse, ScenariosResponse } from "@/lib/domain/checks";
import type { Finding } from "@/lib/domain/findings";
import type { Env } from "@/lib/env";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { detectScenarios } from "@/lib/server/scenarios";
import { buildCheckContext, type ContextOptions } from "./context";
import { evaluateChecks, MANUAL_STEPS } from "./index";

// The two answers of the checks API: every check with its evidence and fix, and T1–T4 verdicts.

export type ChecksOptions = ContextOptions;

export async function getDeploymentChecks(db: Db, env: Env, box: SecretBox, id: string, o: ChecksOptions): Promise<ChecksResponse> {
  const ctx = await buildCheckContext(db, env, box, id, o);
  return { deploymentId: id, generatedAt: new Date(ctx.now).toISOString(), probed: o.probes !== "cached", checks: evaluateChecks(ctx), manual: [...MANUAL_STEPS] };
}

export async function getDeploymentScenarios(db: Db, env: Env, box: SecretBox, id: string, o: ChecksOptions, findings: Finding[] = []): Promise<ScenariosResponse> {
  const checks = await getDeploymentChecks(db, env, box, id, o);
  return { deploymentId: id, generatedAt: checks.generatedAt, probed: checks.probed, scenarios: detectScenarios(checks.checks, findings) };
}
