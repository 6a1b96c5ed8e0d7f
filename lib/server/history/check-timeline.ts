import "server-only";
import { timelineOf, type CheckTimelineResponse } from "@/lib/domain/check-timeline";
import type { Db } from "@/lib/server/db/client";
import { CHECKS } from "@/lib/server/checks";
import { readCheckStatesInRange } from "@/lib/server/checks/check-states";
import { notFound } from "@/lib/server/http/app-error";

/** Every check's status segments over [from, to), from the recorded state changes; an unknown deployment is a 404. */
export async function getCheckTimeline(
  db: Db,
  deploymentId: string,
  from: Date,
  to: Date,
): Promise<CheckTimelineResponse> {
  const [deployment, rows] = await Promise.all([
    db.deployment.findUnique({ where: { id: deploymentId }, select: { id: true } }),
    readCheckStatesInRange(db, deploymentId, from, to),
  ]);
  if (!deployment) throw notFound(`Deployment ${deploymentId}`);
  return {
    series: "checks",
    from: from.toISOString(),
    to: to.toISOString(),
    checks: CHECKS.map((c) => ({
      ...timelineOf(
        c.id,
        rows.filter((r) => r.checkId === c.id).sort((a, b) => a.at - b.at),
        from.getTime(),
        to.getTime(),
      ),
      title: c.title,
      domainIds: c.domainIds,
    })),
  };
}
