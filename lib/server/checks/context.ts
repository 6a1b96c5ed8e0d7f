import "server-only";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { getDeploymentStatus } from "@/lib/server/deployments/deployment-status";
import { NODE_ORDER } from "@/lib/server/deployments/deployment-statuses";
import { notFound } from "@/lib/server/http/app-error";
import { defaultTarget, planProbes, type PlanNode } from "@/lib/server/probes/probe-plan";
import type { ProbeMode, ProbeRunner } from "@/lib/server/probes/probe-runner";
import type { CheckContext, CheckDeployment, CheckNode, ProbeReading, SourceReading } from "./types";

// Builds the evaluation context once per deployment and request: the latest collector data with
// age and staleness per node and source (the same reading the status API gives), the deployment's
// settings, and probe results from the runner (cached, or run now for an engineer).
// buildCheckContext fills it from the database and the probe runner; makeContext is the pure
// assembly from plain data, which unit tests fill by hand.

export interface ContextOptions {
  probes: ProbeMode;
  runner: ProbeRunner;
  now?: () => number;
  /**
   * The deployment's status, when the caller has just read it (the board): the checks then read
   * exactly these readings instead of reading the latest data a second time. It must be this
   * deployment's, read at `now` (its generatedAt), so the checks see what they would read themselves.
   */
  status?: DeploymentStatus;
  /**
   * The deployment's row and its nodes (in role, name order, with TURN credentials), when the
   * caller has just read them (the board reads them for every deployment in one go).
   */
  rows?: ContextRows;
}

export type ContextRows = Prisma.DeploymentGetPayload<{ include: { nodes: { include: { turnCredential: true } } } }>;

/** The rows buildCheckContext reads, for the given deployments (all when omitted) in three statements. */
export function readContextRows(db: Db, ids?: readonly string[]): Promise<ContextRows[]> {
  return db.deployment.findMany({ where: ids ? { id: { in: [...ids] } } : undefined, include: { nodes: { orderBy: NODE_ORDER, include: { turnCredential: true } } } });
}

export async function buildCheckContext(db: Db, env: Env, box: SecretBox, deploymentId: string, o: ContextOptions): Promise<CheckContext> {
  const now = o.now ?? Date.now;
  if (o.rows && o.rows.id !== deploymentId) throw new Error(`rows of ${o.rows.id} given for the checks of ${deploymentId}`);
  const d = o.rows ?? (await db.deployment.findUnique({ where: { id: deploymentId } }));
  if (!d) throw notFound(`Deployment ${deploymentId}`);
  if (o.status && o.status.deployment.id !== deploymentId) throw new Error(`status of ${o.status.deployment.id} given for the checks of ${deploymentId}`);
  const status = o.status ?? (await getDeploymentStatus(db, env, deploymentId, new Date(now())));
  const nodes = o.rows?.nodes ?? (await db.node.findMany({ where: { deploymentId }, orderBy: NODE_ORDER, include: { turnCredential: true } }));
  const deployment = {
    id: d.id, name: d.name, joinUrl: d.joinUrl, callBridgeDomain: d.callBridgeDomain, jabberGuest: d.jabberGuest,
    outsideResolver: d.outsideResolver, insideResolver: d.insideResolver, rttThresholdMs: d.rttThresholdMs,
  };
  const planNodes: PlanNode[] = nodes.map((n) => ({
    id: n.id, name: n.name, role: n.role, publicAddress: n.publicAddress, turnProbeTarget: n.turnProbeTarget, tlsProbeTarget: n.tlsProbeTarget, caPem: n.caPem,
    turnCredential: n.turnCredential ? openCredential(box, n.turnCredential, n.name) : null,
  }));
  const probes = await o.runner.readings(deploymentId, planProbes(deployment, planNodes), o.probes, now);
  return makeContext({
    now: now(),
    deployment,
    nodes: nodes.map((n) => ({
      id: n.id, name: n.name, role: n.role, baseUrl: n.baseUrl, privateAddress: n.privateAddress, publicAddress: n.publicAddress,
      turnProbeTarget: defaultTarget(n.turnProbeTarget, n.publicAddress, 3478), tlsProbeTarget: defaultTarget(n.tlsProbeTarget, n.publicAddress, 443),
    })),
    readings: readingsOf(status),
    probes,
  });
}

/** What the checks read of each node's sources: the status API's latest data, age and outcome. */
export function readingsOf(status: DeploymentStatus): ContextData["readings"] {
  const readings: ContextData["readings"] = {};
  for (const n of status.nodes)
    for (const s of n.sources)
      readings[readingKey(n.id, s.source)] = { data: s.latest ?? null, ageMs: s.ageMs, stale: s.stale, lastOutcome: s.lastRun?.outcome ?? null, lastMessage: s.lastRun?.message ?? null };
  return readings;
}

function openCredential(box: SecretBox, c: { username: string; passwordEnc: string }, nodeName: string) {
  try {
    return { username: c.username, password: box.open(c.passwordEnc) };
  } catch {
    // The key changed (or the backup lacks it): ask for the password again instead of failing.
    return { missing: `configure the TURN password of ${nodeName} again: the stored one cannot be opened with this server's key` };
  }
}

export interface ContextData {
  now: number;
  deployment: CheckDeployment;
  nodes: CheckNode[];
  /** Keyed by readingKey(nodeId, source); absent = never polled. */
  readings: Record<string, Omit<SourceReading, "node" | "source">>;
  probes: Record<string, Omit<ProbeReading, "key">>;
}

export const readingKey = (nodeId: string, source: string) => `${nodeId} ${source}`;

export function makeContext(data: ContextData): CheckContext {
  return {
    now: data.now,
    deployment: data.deployment,
    nodes: data.nodes,
    reading<T>(nodeId: string, source: string): SourceReading<T> {
      const node = data.nodes.find((n) => n.id === nodeId);
      if (!node) throw new Error(`no node ${nodeId} in this context`);
      const r = data.readings[readingKey(nodeId, source)];
      return { node, source, ...(r ?? { data: null, ageMs: null, stale: true, lastOutcome: null, lastMessage: null }) } as SourceReading<T>;
    },
    probe<R>(key: string): ProbeReading<R> {
      const p = data.probes[key];
      return { key, ...(p ?? { label: `probe ${key}`, result: null, ageMs: null, stale: true, missing: "not probed yet: run the probes (engineer: Run probes)" }) } as ProbeReading<R>;
    },
  };
}
