import "server-only";
import { latestAs, sourceStatus } from "@/lib/domain/sources";
import type { Env } from "@/lib/env";
import type { DeploymentStatus, SourceStatus } from "@/lib/domain/api-types";
import { isStale } from "@/lib/domain/freshness";
import { collectorsFor } from "@/lib/server/collectors";
import type { Collector } from "@/lib/server/collectors/types";
import type { Db } from "@/lib/server/db/client";
import { getDeployment } from "./list-deployments";
import type { PollHeads } from "./poll-heads";

/** Everything polled for a deployment: per node and source, the latest data with its age and outcome. */
export async function getDeploymentStatus(db: Db, env: Env, id: string, now = new Date()): Promise<DeploymentStatus> {
  const deployment = await getDeployment(db, id);
  const nodes = await db.node.findMany({
    where: { deploymentId: id },
    select: { id: true, name: true, role: true, baseUrl: true, tlsInsecure: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
  });
  return {
    deployment,
    generatedAt: now.toISOString(),
    nodes: await Promise.all(
      nodes.map(async (node) => ({
        ...node,
        sources: await Promise.all(
          collectorsFor(node.role).map(async (c): Promise<SourceStatus> => {
            const [lastRun, lastOk, latest] = await Promise.all([
              db.pollRun.findFirst({ where: { nodeId: node.id, source: c.id }, orderBy: { startedAt: "desc" } }),
              db.pollRun.findFirst({ where: { nodeId: node.id, source: c.id, outcome: "ok" }, orderBy: { startedAt: "desc" }, select: { finishedAt: true } }),
              c.latest(db, node.id),
            ]);
            return sourceStatusOf(c, env, now, { lastRun, lastOkAt: lastOk?.finishedAt ?? null }, latest);
          }),
        ),
      })),
    ),
  };
}

/** One source's status from what was read of it: shared by the single and the batched read (./deployment-statuses.ts). */
export function sourceStatusOf(c: Collector<unknown>, env: Env, now: Date, { lastRun, lastOkAt }: PollHeads, latest: unknown): SourceStatus {
  const intervalMs = c.intervalMs(env);
  return sourceStatus(c.id, {
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
  }, latestAs(c.id, latest));
}
