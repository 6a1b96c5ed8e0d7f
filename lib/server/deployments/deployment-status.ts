import "server-only";
import { latestAs, sourceStatus } from "@/lib/domain/sources";
import type { Env } from "@/lib/env";
import type { DeploymentStatus, SourceStatus } from "@/lib/domain/api-types";
import { DEPLOYMENT_SELECT, pickDeploymentFields, type DeploymentFields } from "@/lib/domain/deployment-fields";
import { isStale } from "@/lib/domain/freshness";
import { nodeSourceKey } from "@/lib/domain/keys";
import type { NodeRole } from "@/lib/domain/types";
import { COLLECTORS, collectorsFor } from "@/lib/server/collectors";
import type { Collector } from "@/lib/server/collectors/types";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { NODE_ORDER } from "./list-deployments";
import { readPollHeads, type PollHeads } from "./poll-heads";

// Everything polled for deployments: per node and source, the latest data with its age and
// outcome. One read path, batched: the board and the alert evaluator read every deployment at
// once, the status API and the checks a batch of one. The statements do not grow with
// deployments, nodes or sources — the poll-run heads of every (node, source) pair in one, each
// collector's latest data in one or two.

/** What the status read needs of a deployment and its nodes (callers may have read more). */
export interface StatusRows extends DeploymentFields {
  nodes: { id: string; name: string; role: NodeRole; baseUrl: string; tlsInsecure: boolean }[];
}

/** The status of the given deployments (every one when `ids` is omitted; unknown ids left out). */
export async function getDeploymentStatuses(
  db: Db,
  env: Env,
  ids?: readonly string[],
  now = new Date(),
): Promise<DeploymentStatus[]> {
  const rows = await db.deployment.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    select: {
      ...DEPLOYMENT_SELECT,
      nodes: { select: { id: true, name: true, role: true, baseUrl: true, tlsInsecure: true }, orderBy: NODE_ORDER },
    },
  });
  return readDeploymentStatuses(db, env, rows, now);
}

/** One deployment's status (a batch of one). */
export async function getDeploymentStatus(db: Db, env: Env, id: string, now = new Date()): Promise<DeploymentStatus> {
  const [status] = await getDeploymentStatuses(db, env, [id], now);
  if (!status) throw notFound(`Deployment ${id}`);
  return status;
}

/** The status of deployments already read with their nodes (in NODE_ORDER), in their order. */
export async function readDeploymentStatuses(
  db: Db,
  env: Env,
  rows: readonly StatusRows[],
  now: Date,
): Promise<DeploymentStatus[]> {
  const nodes = rows.flatMap((d) => d.nodes);
  const pairs = nodes.flatMap((n) => collectorsFor(n.role).map((c) => ({ nodeId: n.id, source: c.id })));
  const [heads, latest] = await Promise.all([readPollHeads(db, pairs), readLatest(db, nodes)]);
  return rows.map((d) => ({
    deployment: { ...pickDeploymentFields(d), nodes: d.nodes.map((n) => ({ id: n.id, name: n.name, role: n.role })) },
    generatedAt: now.toISOString(),
    nodes: d.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      role: n.role,
      baseUrl: n.baseUrl,
      tlsInsecure: n.tlsInsecure,
      sources: collectorsFor(n.role).map((c) =>
        sourceStatusOf(c, env, now, heads.get(nodeSourceKey(n.id, c.id))!, latest.get(c.id)?.get(n.id) ?? null),
      ),
    })),
  }));
}

/** collector id → nodeId → latest value, for the nodes each collector polls. */
async function readLatest(
  db: Db,
  nodes: readonly { id: string; role: NodeRole }[],
): Promise<Map<string, Map<string, unknown>>> {
  const perCollector = await Promise.all(
    COLLECTORS.map(async (c): Promise<[string, Map<string, unknown>]> => {
      const ids = nodes.filter((n) => c.roles.includes(n.role)).map((n) => n.id);
      return [c.id, ids.length ? await c.latestMany(db, ids) : new Map()];
    }),
  );
  return new Map(perCollector);
}

/** One source's status from what was read of it. */
function sourceStatusOf(
  c: Collector<unknown>,
  env: Env,
  now: Date,
  { lastRun, lastOkAt }: PollHeads,
  latest: unknown,
): SourceStatus {
  const intervalMs = c.intervalMs(env);
  return sourceStatus(
    c.id,
    {
      title: c.title,
      area: c.area,
      domainIds: c.domainIds,
      intervalMs,
      lastRun: lastRun && {
        outcome: lastRun.outcome,
        message: lastRun.message,
        startedAt: lastRun.startedAt.toISOString(),
        finishedAt: lastRun.finishedAt.toISOString(),
      },
      lastOkAt: lastOkAt?.toISOString() ?? null,
      ageMs: lastOkAt ? now.getTime() - lastOkAt.getTime() : null,
      stale: isStale(lastOkAt?.getTime() ?? null, intervalMs, now.getTime()),
    },
    latestAs(c.id, latest),
  );
}
