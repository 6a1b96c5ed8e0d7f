import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { applyRollupsBatch, type RollupPoint } from "@/lib/server/rollups/apply-rollups";

/** One node's values at one time folded into the rollups, as the poller folds a cycle's (a batch of one). */
export function applyRollups(
  db: Db,
  nodeId: string,
  at: Date,
  points: readonly RollupPoint[],
  tx: Db | Prisma.TransactionClient = db,
): Promise<void> {
  return applyRollupsBatch(db, [{ nodeId, at, points }], tx);
}
