import "server-only";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { setTurnCredential } from "@/lib/server/deployments/turn-credentials";
import type { Lab } from "@/lib/server/lab/lab";

/**
 * Creates the lab deployment, or brings its nodes in line with the running lab (its ports, CA
 * and credentials can change between runs). Other deployments are never touched. Under another
 * name, it adds one more deployment on the same lab nodes (tests and screenshots of a bigger board).
 */
export async function seedLabDeployment(
  db: Db,
  box: SecretBox,
  lab: Pick<Lab, "nodes" | "caPem"> & { deployment: { [K in keyof Lab["deployment"]]: string } },
): Promise<string> {
  const d = lab.deployment;
  const deployment = await db.deployment.upsert({
    where: { name: d.name },
    create: { name: d.name, joinUrl: d.joinUrl, callBridgeDomain: d.callBridgeDomain },
    update: {},
  });
  for (const n of lab.nodes) {
    const data = {
      role: n.role,
      baseUrl: n.url,
      username: n.username,
      passwordEnc: box.seal(n.password),
      caPem: lab.caPem,
      tlsInsecure: false,
      privateAddress: n.privateAddress ?? null,
      publicAddress: n.publicAddress ?? null,
      // Probes stay on this machine, never at the nodes' documentation public addresses: the lab
      // Expressway-E's HTTPS server stands in for its public 443 (C2), and its loopback TURN
      // server for its public 3478 (R6, C5).
      ...(n.role === "EXPRESSWAY_E"
        ? { tlsProbeTarget: new URL(n.url).host, turnProbeTarget: n.turn?.server ?? null }
        : {}),
    };
    await db.node.upsert({
      where: { deploymentId_name: { deploymentId: deployment.id, name: n.name } },
      create: { deploymentId: deployment.id, name: n.name, ...data },
      update: data,
    });
  }
  return deployment.id;
}

/**
 * Enters each lab Expressway-E's TURN credentials (C3) as an admin would under Settings > TURN
 * credentials, so the demo's TURN Allocate probe (C5, T1) runs without setup. Demo only: tests
 * start from a deployment without them, as a new real deployment is.
 */
export async function seedLabTurnCredentials(
  db: Db,
  box: SecretBox,
  lab: Pick<Lab, "nodes">,
  deploymentId: string,
): Promise<void> {
  for (const n of lab.nodes) {
    if (!n.turn) continue;
    const node = await db.node.findFirstOrThrow({ where: { deploymentId, name: n.name }, select: { id: true } });
    await setTurnCredential(db, box, deploymentId, node.id, { username: n.turn.username, password: n.turn.password });
  }
}

/**
 * Points the deployment's inside and outside resolver settings at the lab's DNS responders, as an
 * admin would under Settings > Deployments, so the demo's DNS checks (R8, R9, T3/T4) have answers
 * to judge. Demo only, at every start (the lab's ports follow EDGESCOPE_LAB_PORT): tests start
 * without resolvers, as a new real deployment does.
 */
export async function seedLabResolvers(db: Db, lab: Pick<Lab, "dns">, deploymentId: string): Promise<void> {
  await db.deployment.update({
    where: { id: deploymentId },
    data: { insideResolver: lab.dns.inside, outsideResolver: lab.dns.outside },
  });
}
