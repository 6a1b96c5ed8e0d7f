import "server-only";
import { bucketStart, TIERS } from "@/lib/domain/rollup-tiers";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { upsertRollups, type RollupRow } from "./rollup-sql";

/** One numeric value of one series at one poll, e.g. { series: "rtt:10.0.0.36", value: 4.2 }. */
export interface RollupPoint {
  series: string;
  value: number;
}

/** Values of one node taken at one time (one source's poll). */
export interface RollupInput {
  nodeId: string;
  at: Date;
  points: readonly RollupPoint[];
}

interface Aggregate {
  nodeId: string;
  series: string;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * Folds values into every tier inside the caller's transaction, so the rollups are current as
 * soon as the samples are (no catch-up job, no lag). Values that land in the same (node, series,
 * bucket) are merged first: one row per key per statement, as PostgreSQL requires, and one
 * statement per tier however many nodes a commit group holds. `db` names the database (for its
 * SQL dialect); `tx` is the transaction.
 */
export async function applyRollupsBatch(
  db: Db,
  inputs: readonly RollupInput[],
  tx: Db | Prisma.TransactionClient = db,
): Promise<void> {
  for (const tier of TIERS) {
    const merged = new Map<string, Aggregate>();
    for (const { nodeId, at, points } of inputs) {
      const bucket = bucketStart(at.getTime(), tier.ms);
      for (const { series, value } of points) {
        if (!Number.isFinite(value)) continue;
        const key = `${nodeId}\u0000${series}\u0000${bucket}`;
        const m = merged.get(key);
        if (!m) merged.set(key, { nodeId, series, bucket, count: 1, sum: value, min: value, max: value });
        else {
          m.count++;
          m.sum += value;
          m.min = Math.min(m.min, value);
          m.max = Math.max(m.max, value);
        }
      }
    }
    if (!merged.size) return; // no finite value at all: the other tiers get none either
    const rows: RollupRow[] = [...merged.values()].map((m) => [
      m.nodeId,
      m.series,
      m.bucket,
      m.count,
      m.sum,
      m.min,
      m.max,
    ]);
    await upsertRollups(db, tier.id, rows, tx);
  }
}
