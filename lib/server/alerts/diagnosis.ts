import "server-only";
import { trimChars } from "@/lib/domain/trim-chars";
import type { Env } from "@/lib/env";
import type { AlertDiagnosis } from "@/lib/domain/alerts/payload";
import type { CheckResult } from "@/lib/domain/checks";
import type { PollOutcome } from "@/lib/domain/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { getDeploymentChecks } from "@/lib/server/checks/deployment-checks";
import { getProbeRunner } from "@/lib/server/probes/probe-runner";
import { detect } from "@/lib/server/scenarios";
import type { Condition } from "./conditions";
import { POLL_FIX, STALE_FIX } from "./poll-fix";

export interface DiagnosisDeps {
  db: Db;
  env: Env;
  box: SecretBox;
}

/**
 * What a message says about a condition: the check with its evidence and fix, or the node's own
 * words; the likely T-scenario from the scenario detector (only its public detect()).
 * Checks are evaluated on cached probe results, never probing from an alert.
 */
export async function diagnose(d: DiagnosisDeps, c: Condition): Promise<AlertDiagnosis> {
  const node = c.nodeId
    ? await d.db.node.findUnique({ where: { id: c.nodeId }, select: { id: true, name: true, role: true } })
    : null;
  let checks: CheckResult[] = [];
  try {
    checks = (
      await getDeploymentChecks(d.db, d.env, d.box, c.deploymentId, { probes: "cached", runner: getProbeRunner() })
    ).checks;
  } catch (err) {
    console.error(
      `[edgescope] alert diagnosis of ${c.deploymentId} could not evaluate checks: ${(err as Error).message}`,
    );
  }
  const check = c.checkId ? checks.find((x) => x.id === c.checkId) : undefined;
  const ranked = detect(checks)
    .scenarios.filter((s) => s.verdict === "likely" || s.verdict === "possible")
    .sort(
      (a, b) =>
        Number(b.causes.some((x) => x.checkIds.includes(c.checkId ?? ""))) -
          Number(a.causes.some((x) => x.checkIds.includes(c.checkId ?? ""))) || b.confidence - a.confidence,
    );
  const scenario = ranked[0]
    ? { id: ranked[0].id, title: ranked[0].title, verdict: ranked[0].verdict, confidence: ranked[0].confidence }
    : null;
  const base = {
    deployment: {
      id: c.deploymentId,
      name: c.deploymentName,
      url: `${trimChars(d.env.EDGESCOPE_PUBLIC_URL, (ch) => ch === "/")}/deployments/${c.deploymentId}`,
    },
    node: node ? { id: node.id, name: node.name, role: node.role } : null,
    scenario,
  };
  if (c.kind === "check") {
    const evidence = (check?.evidence ?? [])
      .slice(0, 6)
      .map((e) => ({ label: e.label, value: e.value, source: e.source }));
    return {
      ...base,
      check: {
        id: c.checkId!,
        title: check?.title ?? c.checkId!,
        area: check?.area ?? c.areas[0] ?? "",
        domainIds: check?.domainIds ?? [],
      },
      status: c.status,
      summary: check?.summary ?? c.detail,
      words: evidence.length ? evidence.map((e) => `${e.label}: ${e.value} (${e.source})`).join("\n") : null,
      evidence,
      fix: check?.fix.length ? check.fix : (ranked[0]?.fix ?? []),
    };
  }
  const outcome = c.outcome && c.outcome in POLL_FIX ? (c.outcome as Exclude<PollOutcome, "ok">) : undefined;
  return {
    ...base,
    check: null,
    status: c.kind === "stale" ? "stale" : (outcome ?? "failing"),
    summary:
      c.kind === "stale"
        ? `No fresh data from ${node?.name ?? "a node"}: ${c.detail}`
        : `Polls of ${node?.name ?? "a node"} fail`,
    words: c.detail,
    evidence: [],
    fix: c.kind === "stale" ? STALE_FIX : outcome ? POLL_FIX[outcome] : (ranked[0]?.fix ?? []),
  };
}
