import "server-only";
import type { DeploymentSummary } from "@/lib/domain/api-types";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";

const select = {
  id: true,
  name: true,
  joinUrl: true,
  callBridgeDomain: true,
  jabberGuest: true,
  outsideResolver: true,
  insideResolver: true,
  rttThresholdMs: true,
  nodes: { select: { id: true, name: true, role: true }, orderBy: [{ role: "asc" as const }, { name: "asc" as const }] },
};

export function listDeployments(db: Db): Promise<DeploymentSummary[]> {
  return db.deployment.findMany({ select, orderBy: { name: "asc" } });
}

export async function getDeployment(db: Db, id: string): Promise<DeploymentSummary> {
  const d = await db.deployment.findUnique({ where: { id }, select });
  if (!d) throw notFound(`Deployment ${id}`);
  return d;
}
