import "server-only";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { pickDeploymentFields } from "@/lib/domain/deployment-fields";
import { nodeSourceKey } from "@/lib/domain/keys";
import { latestAs, type SourceId, type SourceLatest } from "@/lib/domain/sources";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { readDeploymentStatuses } from "@/lib/server/deployments/deployment-status";
import { NODE_ORDER } from "@/lib/server/deployments/list-deployments";
import { defaultTarget, planProbes, type PlanNode } from "@/lib/server/probes/probe-plan";
import type { ProbeMode, ProbeRunner } from "@/lib/server/probes/probe-runner";
import type { ListedTarget } from "@/lib/server/probes/listed-targets";
import { listedTargets } from "./certificate-support";
import type { CheckContext, CheckDeployment, CheckNode, ProbeReading, SourceReading } from "./types";

// Builds the evaluation context once per deployment and request: the latest collector data with
// age and staleness per node and source (the same reading the status API gives), the deployment's
// settings, and probe results from the runner (cached, or run now for an engineer).
// buildCheckContexts fills it from the database and the probe runner; makeContext is the pure
// assembly from plain data, which unit tests fill by hand.

export interface ContextOptions {
  probes: ProbeMode;
  runner: ProbeRunner;
  now?: () => number;
}

/** A deployment's check context with the status it was built on (the board shows both). */
export interface DeploymentContext {
  status: DeploymentStatus;
  ctx: CheckContext;
}

/**
 * The check context of each given deployment (every one when omitted; unknown ids left out), in
 * one batched read of the rows and the status: the board reads every deployment at once, the
 * checks API a batch of one.
 */
export async function buildCheckContexts(
  db: Db,
  env: Env,
  box: SecretBox,
  ids: readonly string[] | undefined,
  o: ContextOptions,
): Promise<DeploymentContext[]> {
  const now = o.now ?? Date.now;
  const rows = await db.deployment.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    include: { nodes: { orderBy: NODE_ORDER, include: { turnCredential: true } } },
  });
  const statuses = await readDeploymentStatuses(db, env, rows, new Date(now()));
  return Promise.all(
    rows.map(async (row, i) => ({ status: statuses[i]!, ctx: await contextOf(row, statuses[i]!, env, box, o, now) })),
  );
}

type ContextRow = Prisma.DeploymentGetPayload<{ include: { nodes: { include: { turnCredential: true } } } }>;

async function contextOf(
  d: ContextRow,
  status: DeploymentStatus,
  env: Env,
  box: SecretBox,
  o: ContextOptions,
  now: () => number,
): Promise<CheckContext> {
  const deployment = { ...pickDeploymentFields(d), certReminderDays: env.EDGESCOPE_CERT_REMINDER_DAYS };
  const nodes: CheckNode[] = d.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    role: n.role,
    baseUrl: n.baseUrl,
    privateAddress: n.privateAddress,
    publicAddress: n.publicAddress,
    turnProbeTarget: defaultTarget(n.turnProbeTarget, n.publicAddress, 3478),
    tlsProbeTarget: defaultTarget(n.tlsProbeTarget, n.publicAddress, 443),
    turnRelayCapacity: n.turnRelayCapacity,
    tlsAuditTargets: n.tlsAuditTargets,
  }));
  const planNodes: PlanNode[] = d.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    role: n.role,
    publicAddress: n.publicAddress,
    turnProbeTarget: n.turnProbeTarget,
    tlsProbeTarget: n.tlsProbeTarget,
    caPem: n.caPem,
    baseUrl: n.baseUrl,
    tlsAuditTargets: n.tlsAuditTargets,
    turnCredential: n.turnCredential ? openCredential(box, n.turnCredential, n.name) : null,
  }));
  const readings = readingsOf(status);
  // The Web Bridge / Call Bridge addresses CMS lists, from the same readings the checks get.
  const listed = listedTargets(nodes, (nodeId, source) =>
    latestAs(source, readings[nodeSourceKey(nodeId, source)]?.data),
  );
  const probes = await o.runner.readings(d.id, planProbes(deployment, planNodes, listed), o.probes, now);
  return makeContext({ now: now(), deployment, nodes, readings, probes, listed });
}

/** What the checks read of each node's sources: the status API's latest data, age and outcome. */
export function readingsOf(status: DeploymentStatus): ContextData["readings"] {
  const readings: ContextData["readings"] = {};
  for (const n of status.nodes)
    for (const s of n.sources)
      readings[nodeSourceKey(n.id, s.source)] = {
        data: s.latest ?? null,
        ageMs: s.ageMs,
        stale: s.stale,
        lastOutcome: s.lastRun?.outcome ?? null,
        lastMessage: s.lastRun?.message ?? null,
      };
  return readings;
}

function openCredential(box: SecretBox, c: { username: string; passwordEnc: string }, nodeName: string) {
  try {
    return { username: c.username, password: box.open(c.passwordEnc) };
  } catch {
    // The key changed (or the backup lacks it): ask for the password again instead of failing.
    return {
      missing: `configure the TURN password of ${nodeName} again: the stored one cannot be opened with this server's key`,
    };
  }
}

export interface ContextData {
  now: number;
  deployment: CheckDeployment;
  nodes: CheckNode[];
  /** Keyed by nodeSourceKey(nodeId, source); absent = never polled. */
  readings: Record<string, Omit<SourceReading, "node" | "source">>;
  probes: Record<string, Omit<ProbeReading, "key">>;
  /** The listed audit targets when the caller already derived them (the probe plan needs them first). */
  listed?: ListedTarget[];
}

export function makeContext(data: ContextData): CheckContext {
  // Four certificate checks and the probe plan read the listed targets: derive them once, not per check.
  let listed = data.listed;
  const ctx: CheckContext = {
    now: data.now,
    deployment: data.deployment,
    nodes: data.nodes,
    reading<K extends SourceId>(nodeId: string, source: K): SourceReading<SourceLatest<K>> {
      const node = data.nodes.find((n) => n.id === nodeId);
      if (!node) throw new Error(`no node ${nodeId} in this context`);
      const r = data.readings[nodeSourceKey(nodeId, source)] ?? {
        data: null,
        ageMs: null,
        stale: true,
        lastOutcome: null,
        lastMessage: null,
      };
      return { node, source, ...r, data: latestAs(source, r.data) };
    },
    probe<R>(key: string): ProbeReading<R> {
      const p = data.probes[key];
      return {
        key,
        ...(p ?? {
          label: `probe ${key}`,
          result: null,
          ageMs: null,
          stale: true,
          missing: "not probed yet: run the probes (engineer: Run probes)",
        }),
      } as ProbeReading<R>;
    },
    listedTargets() {
      listed ??= listedTargets(data.nodes, (nodeId, source) => ctx.reading(nodeId, source).data);
      return listed;
    },
  };
  return ctx;
}
