import "server-only";
import type { TurnCredentialInput } from "@/lib/domain/deployment-input";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

// TURN credentials per Expressway-E, as the admin enters them (CMS never returns a turnServer
// password). The password is sealed and write-only: lists say only `passwordSet`.

export interface TurnCredentialRow {
  nodeId: string;
  nodeName: string;
  username: string | null;
  passwordSet: boolean;
  updatedAt: string | null;
}

export async function listTurnCredentials(db: Db, box: SecretBox, deploymentId: string): Promise<TurnCredentialRow[]> {
  if (!(await db.deployment.findUnique({ where: { id: deploymentId }, select: { id: true } })))
    throw notFound(`Deployment ${deploymentId}`);
  const nodes = await db.node.findMany({
    where: { deploymentId, role: "EXPRESSWAY_E" },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      turnCredential: { select: { username: true, updatedAt: true, passwordEnc: true } },
    },
  });
  return nodes.map((n) => ({
    nodeId: n.id,
    nodeName: n.name,
    username: n.turnCredential?.username ?? null,
    passwordSet: !!n.turnCredential && box.canOpen(n.turnCredential.passwordEnc),
    updatedAt: n.turnCredential?.updatedAt.toISOString() ?? null,
  }));
}

async function requireENode(db: Db, deploymentId: string, nodeId: string) {
  const node = await db.node.findFirst({
    where: { id: nodeId, deploymentId },
    select: { id: true, name: true, role: true },
  });
  if (!node) throw notFound(`Node ${nodeId}`);
  if (node.role !== "EXPRESSWAY_E")
    throw new AppError(400, "bad_request", "TURN credentials belong to an Expressway-E node");
  return node;
}

export async function setTurnCredential(
  db: Db,
  box: SecretBox,
  deploymentId: string,
  nodeId: string,
  input: TurnCredentialInput,
): Promise<TurnCredentialRow> {
  const node = await requireENode(db, deploymentId, nodeId);
  const data = { username: input.username, passwordEnc: box.seal(input.password) };
  const c = await db.turnCredential.upsert({
    where: { nodeId },
    create: { deploymentId, nodeId, ...data },
    update: data,
  });
  return { nodeId, nodeName: node.name, username: c.username, passwordSet: true, updatedAt: c.updatedAt.toISOString() };
}

export async function deleteTurnCredential(db: Db, deploymentId: string, nodeId: string): Promise<void> {
  await requireENode(db, deploymentId, nodeId);
  await db.turnCredential.deleteMany({ where: { nodeId } });
}
