import "server-only";
import type { NodeInput } from "@/lib/domain/deployment-input";
import { PASSWORD_AGAIN_MESSAGE, passwordBoundChanges } from "@/lib/domain/node-trust";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

/** What the API shows of a node: never the password, only whether one is set. */
export const nodeView = {
  id: true,
  deploymentId: true,
  role: true,
  name: true,
  baseUrl: true,
  username: true,
  caPem: true,
  tlsInsecure: true,
  privateAddress: true,
  publicAddress: true,
  turnProbeTarget: true,
  tlsProbeTarget: true,
  turnRelayCapacity: true,
  tlsAuditTargets: true,
  createdAt: true,
  updatedAt: true,
} as const;

const selectWithSecret = { ...nodeView, passwordEnc: true } as const;

/**
 * Drops the sealed password and says whether it can be used: `passwordSet` is true only when this
 * server's key opens it; `passwordUnreadable` asks the admin to enter it again.
 */
function withPasswordFlag<T extends { passwordEnc: string }>(box: SecretBox, { passwordEnc, ...n }: T) {
  const readable = box.canOpen(passwordEnc);
  return { ...n, passwordSet: readable, passwordUnreadable: !readable };
}

async function requireDeployment(db: Db, deploymentId: string) {
  if (!(await db.deployment.findUnique({ where: { id: deploymentId }, select: { id: true } })))
    throw notFound(`Deployment ${deploymentId}`);
}

const conflict = (name: string) => new AppError(409, "conflict", `This deployment already has a node named "${name}"`);

export async function listNodes(db: Db, box: SecretBox, deploymentId: string) {
  await requireDeployment(db, deploymentId);
  return (
    await db.node.findMany({
      where: { deploymentId },
      select: selectWithSecret,
      orderBy: [{ role: "asc" }, { name: "asc" }],
    })
  ).map((n) => withPasswordFlag(box, n));
}

export async function createNode(db: Db, box: SecretBox, deploymentId: string, input: NodeInput) {
  await requireDeployment(db, deploymentId);
  const { password, ...rest } = input;
  try {
    return withPasswordFlag(
      box,
      await db.node.create({
        data: { ...rest, deploymentId, passwordEnc: box.seal(password) },
        select: selectWithSecret,
      }),
    );
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw conflict(input.name);
    throw err;
  }
}

export async function updateNode(
  db: Db,
  box: SecretBox,
  deploymentId: string,
  nodeId: string,
  input: Partial<NodeInput>,
) {
  const stored = await db.node.findFirst({
    where: { id: nodeId, deploymentId },
    select: { baseUrl: true, caPem: true, tlsInsecure: true },
  });
  if (!stored) throw notFound(`Node ${nodeId}`);
  const { password, ...rest } = input;
  if (password === undefined && passwordBoundChanges(stored, rest).length > 0)
    throw new AppError(400, "password_required", PASSWORD_AGAIN_MESSAGE);
  try {
    const data = password === undefined ? rest : { ...rest, passwordEnc: box.seal(password) };
    return withPasswordFlag(box, await db.node.update({ where: { id: nodeId }, data, select: selectWithSecret }));
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw conflict(input.name ?? "");
    throw err;
  }
}

export async function deleteNode(db: Db, deploymentId: string, nodeId: string): Promise<void> {
  const { count } = await db.node.deleteMany({ where: { id: nodeId, deploymentId } });
  if (count === 0) throw notFound(`Node ${nodeId}`);
}
