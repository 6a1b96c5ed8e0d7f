import "server-only";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import type { Lab } from "@/lib/server/lab/lab";

/**
 * Creates the lab deployment, or brings its nodes in line with the running lab (its ports, CA
 * and credentials can change between runs). Other deployments are never touched.
 */
export async function seedLabDeployment(db: Db, box: SecretBox, lab: Pick<Lab, "deployment" | "nodes" | "caPem">): Promise<string> {
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
      // The lab's Expressway-E HTTPS server stands in for its public 443, so C2 probes loopback.
      // Probes stay on this machine: TLS goes to the lab node itself; the lab runs no TURN server,
      // so the TURN probe target is a closed loopback port (honestly reported as unreachable),
      // never the node's documentation public address.
      ...(n.role === "EXPRESSWAY_E" ? { tlsProbeTarget: new URL(n.url).host, turnProbeTarget: "127.0.0.1:3478" } : {}),
    };
    await db.node.upsert({
      where: { deploymentId_name: { deploymentId: deployment.id, name: n.name } },
      create: { deploymentId: deployment.id, name: n.name, ...data },
      update: data,
    });
  }
  return deployment.id;
}
