import "server-only";
import { checkStatusOf } from "@/lib/domain/checks";
import { timelineOf, type CheckTimelineResponse } from "@/lib/domain/check-timeline";
import type { Db } from "@/lib/server/db/client";
import { CHECKS } from "@/lib/server/checks";



/** Every check's status segments over [from, to), from the recorded state changes. */
export async function getCheckTimeline(db: Db, deploymentId: string, from: Date, to: Date): Promise<CheckTimelineResponse> {
  const inRange = await db.checkState.findMany({ where: { deploymentId, at: { gte: from, lt: to } }, orderBy: { at: "asc" } });
  // The state that held at `from` is the last change before it, per check.
  const before = await db.checkState.findMany({ where: { deploymentId, at: { lt: from } }, distinct: ["checkId"], orderBy: [{ checkId: "asc" }, { at: "desc" }] });
  const rows = [...before, ...inRange].map((r) => ({ checkId: r.checkId, status: checkStatusOf(r.status), summary: r.summary, at: r.at.getTime() }));
  return {
    series: "checks",
    from: from.toISOString(),
    to: to.toISOString(),
    checks: CHECKS.map((c) => ({
      ...timelineOf(c.id, rows.filter((r) => r.checkId === c.id).sort((a, b) => a.at - b.at), from.getTime(), to.getTime()),
      title: c.title,
      domainIds: c.domainIds,
    })),
  };
}
