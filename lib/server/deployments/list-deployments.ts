import "server-only";
import type { DeploymentSummary } from "@/lib/domain/api-types";
import { DEPLOYMENT_SELECT } from "@/lib/domain/deployment-fields";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";

/** The order of nodes everywhere a deployment's nodes are listed (PostgreSQL sorts role by enum order). */
export const NODE_ORDER = [{ role: "asc" as const }, { name: "asc" as const }];

const select = { ...DEPLOYMENT_SELECT, nodes: { select: { id: true, name: true, role: true }, orderBy: NODE_ORDER } };

export function listDeployments(db: Db): Promise<DeploymentSummary[]> {
  return db.deployment.findMany({ select, orderBy: { name: "asc" } });
}

export async function getDeployment(db: Db, id: string): Promise<DeploymentSummary> {
  const d = await db.deployment.findUnique({ where: { id }, select });
  if (!d) throw notFound(`Deployment ${id}`);
  return d;
}
