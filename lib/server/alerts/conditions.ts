import "server-only";
import type { Env } from "@/lib/env";
import type { Reading } from "@/lib/domain/alerts/state-machine";
import type { AlertKind } from "@/lib/domain/alerts/payload";
import type { DeploymentStatus, SourceStatus } from "@/lib/domain/api-types";
import type { CheckArea, CheckStatus } from "@/lib/domain/checks";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/freshness";
import { sourceHealth } from "@/lib/domain/source-health";
import { getFailingSince } from "@/lib/server/board/failing-since";
import { getRecoveredSince } from "./recovered-since";
import type { Db } from "@/lib/server/db/client";
import { nodeSourceKey } from "@/lib/domain/keys";
import { CHECKS } from "@/lib/server/checks";
import { readLatestCheckStates } from "@/lib/server/checks/check-states";
import { getDeploymentStatuses } from "@/lib/server/deployments/deployment-status";

// What alerts are driven from, read once per evaluation: the recorded check states (table
// check_state, written by the check recorder and the probe schedule) and each node's poll
// freshness (the same status read the board uses). Three kinds: a check, a node's failing polls,
// a node with no fresh data. Stale data is its own kind and holds the others: a stale node's
// checks read "unknown", which neither fires nor resolves anything.

export interface Condition {
  deploymentId: string;
  deploymentName: string;
  /** "check:<id>" | "poll:<nodeId>" | "stale:<nodeId>" */
  key: string;
  kind: AlertKind;
  /** The check's status, or the node's poll state */
  status: CheckStatus | "failing" | "stale" | "ok" | "hold";
  /** When the current status began (ms), when known */
  since: number | null;
  areas: CheckArea[];
  checkId: string | null;
  nodeId: string | null;
  /** One line for the Alerts page: the check's summary or the node's own words */
  detail: string;
  /** The failed poll's outcome (poll kind) */
  outcome?: string;
}

/** How a condition reads for a rule of the given minimum severity. */
export function readingFor(c: Condition, minSeverity: "fail" | "warn", now: number): Reading {
  const since = c.since ?? now;
  if (c.kind === "check") {
    if (c.status === "fail" || (c.status === "warn" && minSeverity === "warn")) return { status: "bad", since };
    if (c.status === "pass" || c.status === "warn") return { status: "ok", since };
    return { status: "hold" }; // unknown: missing or stale data is never a recovery
  }
  if (c.status === "failing" || c.status === "stale") return { status: "bad", since };
  return c.status === "ok" ? { status: "ok", ...(c.since !== null ? { since: c.since } : {}) } : { status: "hold" };
}

export async function readConditions(db: Db, env: Env, now = new Date()): Promise<Condition[]> {
  const statuses = await getDeploymentStatuses(db, env, undefined, now);
  const names = new Map(statuses.map((s) => [s.deployment.id, s.deployment.name]));
  // The newest recorded state of every (deployment, check).
  const states = await readLatestCheckStates(
    db,
    statuses.flatMap((s) => CHECKS.map((c) => ({ deploymentId: s.deployment.id, checkId: c.id }))),
  );
  const areaOf = areas;
  const out: Condition[] = states
    .filter((s) => names.has(s.deploymentId))
    .map((s) => ({
      deploymentId: s.deploymentId,
      deploymentName: names.get(s.deploymentId)!,
      key: `check:${s.checkId}`,
      kind: "check",
      status: s.status,
      since: s.at,
      areas: areaOf.has(s.checkId) ? [areaOf.get(s.checkId)!] : [],
      checkId: s.checkId,
      nodeId: null,
      detail: s.summary,
    }));
  const failing = statuses.flatMap((s) =>
    s.nodes.flatMap((n) =>
      n.sources.filter((src) => sourceHealth(src) === "failing").map((src) => ({ nodeId: n.id, source: src.source })),
    ),
  );
  const since = await getFailingSince(db, failing);
  // Since when each node that failed lately has been seen good again: a poll condition is good
  // only since then (a failure between two evaluations still restarts the recovery timer).
  const failedAt = await getRecoveredSince(db, now.getTime() - 3_600_000);
  for (const s of statuses) out.push(...nodeConditions(s, since, failedAt));
  return out;
}

function nodeConditions(
  s: DeploymentStatus,
  failingSince: Map<string, string | null>,
  failedAt: Map<string, number>,
): Condition[] {
  return s.nodes.flatMap((n) => {
    const base = {
      deploymentId: s.deployment.id,
      deploymentName: s.deployment.name,
      checkId: null,
      nodeId: n.id,
      areas: [...new Set(n.sources.map((x) => x.area))],
    };
    const polled = n.sources.filter((x) => x.lastRun);
    const failing = polled.filter((x) => sourceHealth(x) === "failing");
    const stale = polled.filter((x) => sourceHealth(x) === "stale");
    const fSince = failing.map((x) =>
      Date.parse(failingSince.get(nodeSourceKey(n.id, x.source)) ?? x.lastRun!.startedAt),
    );
    const poll: Condition = failing.length
      ? {
          ...base,
          key: `poll:${n.id}`,
          kind: "poll",
          status: "failing",
          since: Math.min(...fSince),
          outcome: failing[0]!.lastRun!.outcome,
          detail: `${n.name}: ${wordsOf(failing[0]!)}`,
        }
      : {
          ...base,
          key: `poll:${n.id}`,
          kind: "poll",
          status: polled.length ? "ok" : "hold",
          since: failedAt.get(n.id) ?? null,
          detail: `${n.name}: polls succeed`,
        };
    const staleSince = (x: SourceStatus) =>
      x.lastOkAt ? Date.parse(x.lastOkAt) + STALE_AFTER_INTERVALS * x.intervalMs : null;
    const fresh: Condition = stale.length
      ? {
          ...base,
          key: `stale:${n.id}`,
          kind: "stale",
          status: "stale",
          since: Math.min(...stale.map((x) => staleSince(x) ?? Date.now())),
          detail: `no fresh data from ${n.name} for ${STALE_AFTER_INTERVALS} intervals (${stale.map((x) => x.title).join(", ")})`,
        }
      : {
          ...base,
          key: `stale:${n.id}`,
          kind: "stale",
          status: polled.length && !failing.length ? "ok" : "hold",
          since: null,
          detail: `${n.name}: data is fresh`,
        };
    return [poll, fresh];
  });
}

/** The node's own words for a failed poll: outcome and its message. */
export function wordsOf(src: SourceStatus): string {
  return `${src.title}: ${src.lastRun?.outcome}${src.lastRun?.message ? ` — ${src.lastRun.message}` : ""}`;
}

const areas = new Map<string, CheckArea>(CHECKS.map((c) => [c.id, c.area]));
