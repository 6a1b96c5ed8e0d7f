import "server-only";
import { DEPLOYMENT_SELECT } from "@/lib/domain/deployment-fields";
import type { DeploymentInput } from "@/lib/domain/deployment-input";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

export async function createDeployment(db: Db, input: DeploymentInput) {
  try {
    return await db.deployment.create({ data: input, select: DEPLOYMENT_SELECT });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(409, "conflict", `A deployment named "${input.name}" already exists`);
    throw err;
  }
}

export async function updateDeployment(db: Db, id: string, input: Partial<DeploymentInput>) {
  if (!(await db.deployment.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`Deployment ${id}`);
  try {
    return await db.deployment.update({ where: { id }, data: input, select: DEPLOYMENT_SELECT });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(409, "conflict", `A deployment named "${input.name}" already exists`);
    throw err;
  }
}

/** Deletes a deployment with its nodes and their history (cascade). */
export async function deleteDeployment(db: Db, id: string): Promise<void> {
  const { count } = await db.deployment.deleteMany({ where: { id } });
  if (count === 0) throw notFound(`Deployment ${id}`);
}
