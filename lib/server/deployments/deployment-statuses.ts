import "server-only";
import type { Env } from "@/lib/env";
import type { DeploymentStatus, DeploymentSummary } from "@/lib/domain/api-types";
import type { NodeRole } from "@/lib/domain/types";
import { COLLECTORS, collectorsFor } from "@/lib/server/collectors";
import type { Collector } from "@/lib/server/collectors/types";
import type { Db } from "@/lib/server/db/client";
import { sourceStatusOf } from "./deployment-status";
import { pairKey, readPollHeads } from "./poll-heads";

// getDeploymentStatus for many deployments at once (the board): the same answer per deployment,
// read in a number of statements that does not grow with deployments, nodes or sources — the
// poll-run heads of every (node, source) pair in one, each collector's latest data in one or two.
// getDeploymentStatus keeps its per-source reads: one deployment needs no batching, and the tests
// compare the two.

/** The order of nodes everywhere a deployment's nodes are listed (PostgreSQL sorts role by enum order). */
export const NODE_ORDER = [{ role: "asc" as const }, { name: "asc" as const }];

/** What the batched read needs of a deployment and its nodes (callers may have read more). */
export interface StatusRows extends Omit<DeploymentSummary, "nodes"> {
  nodes: { id: string; name: string; role: NodeRole; baseUrl: string; tlsInsecure: boolean }[];
}

const summaryFields = { id: true, name: true, joinUrl: true, callBridgeDomain: true, jabberGuest: true, outsideResolver: true, insideResolver: true, rttThresholdMs: true } as const;

/** The status of the given deployments (every one when `ids` is omitted; unknown ids are left out), in one batched read. */
export async function getDeploymentStatuses(db: Db, env: Env, ids?: readonly string[], now = new Date()): Promise<DeploymentStatus[]> {
  const rows = await db.deployment.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    select: { ...summaryFields, nodes: { select: { id: true, name: true, role: true, baseUrl: true, tlsInsecure: true }, orderBy: NODE_ORDER } },
  });
  return readDeploymentStatuses(db, env, rows, now);
}

/** The status of deployments already read with their nodes (in NODE_ORDER), in their order. */
export async function readDeploymentStatuses(db: Db, env: Env, rows: readonly StatusRows[], now: Date): Promise<DeploymentStatus[]> {
  const nodes = rows.flatMap((d) => d.nodes);
  const pairs = nodes.flatMap((n) => collectorsFor(n.role).map((c) => ({ nodeId: n.id, source: c.id })));
  const [heads, latest] = await Promise.all([readPollHeads(db, pairs), readLatest(db, nodes)]);
  return rows.map((d) => ({
    deployment: {
      id: d.id, name: d.name, joinUrl: d.joinUrl, callBridgeDomain: d.callBridgeDomain, jabberGuest: d.jabberGuest,
      outsideResolver: d.outsideResolver, insideResolver: d.insideResolver, rttThresholdMs: d.rttThresholdMs,
      nodes: d.nodes.map((n) => ({ id: n.id, name: n.name, role: n.role })),
    },
    generatedAt: now.toISOString(),
    nodes: d.nodes.map((n) => ({
      id: n.id, name: n.name, role: n.role, baseUrl: n.baseUrl, tlsInsecure: n.tlsInsecure,
      sources: collectorsFor(n.role).map((c) => sourceStatusOf(c, env, now, heads.get(pairKey(n.id, c.id))!, latest.get(c.id)?.get(n.id) ?? null)),
    })),
  }));
}

/** collector id → nodeId → latest value, for the nodes each collector polls. */
async function readLatest(db: Db, nodes: readonly { id: string; role: NodeRole }[]): Promise<Map<string, Map<string, unknown>>> {
  const perCollector = await Promise.all(
    COLLECTORS.map(async (c): Promise<[string, Map<string, unknown>]> => {
      const ids = nodes.filter((n) => c.roles.includes(n.role)).map((n) => n.id);
      return [c.id, ids.length ? await latestOf(db, c, ids) : new Map()];
    }),
  );
  return new Map(perCollector);
}

/** latestMany where the collector has it; latest() per node otherwise. */
async function latestOf(db: Db, c: Collector<unknown>, ids: string[]): Promise<Map<string, unknown>> {
  if (c.latestMany) return c.latestMany(db, ids);
  return new Map(await Promise.all(ids.map(async (id): Promise<[string, unknown]> => [id, await c.latest(db, id)])));
}
