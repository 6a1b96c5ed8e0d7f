import "server-only";
import { getEnv } from "@/lib/env";
import { collectorsFor } from "@/lib/server/collectors";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { toEndpoint } from "@/lib/server/poller/node-endpoint";

/** Runs every source of a node once without storing anything: "does this node answer as expected?" */
export async function testNodeConnection(db: Db, box: SecretBox, deploymentId: string, nodeId: string) {
  const node = await db.node.findFirst({ where: { id: nodeId, deploymentId } });
  if (!node) throw notFound(`Node ${nodeId}`);
  let endpoint;
  try {
    endpoint = toEndpoint(node, box, getEnv().EDGESCOPE_HTTP_TIMEOUT_MS);
  } catch {
    throw new AppError(
      409,
      "password_unreadable",
      "Password unreadable: the stored password cannot be decrypted with this server's key; enter it again.",
    );
  }
  const results = await Promise.all(
    collectorsFor(node.role).map(async (c) => {
      const started = performance.now();
      const r = await c.collect({ endpoint });
      return {
        source: c.id,
        title: c.title,
        outcome: r.ok ? "ok" : r.failure.kind,
        message: r.ok ? null : r.failure.message,
        ms: Math.round(performance.now() - started),
      };
    }),
  );
  return { nodeId, ok: results.every((r) => r.outcome === "ok"), results };
}
