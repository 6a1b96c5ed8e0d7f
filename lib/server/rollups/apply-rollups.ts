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

/**
 * Folds one node's values of one cycle into every tier, inside the cycle's transaction, so the
 * rollups are current as soon as the samples are (no catch-up job, no lag). Values of the same
 * series are merged first: one row per key per statement.
 */
/** `db` names the database (for its SQL dialect); `tx` is the cycle's transaction. */
export async function applyRollups(db: Db, nodeId: string, at: Date, points: readonly RollupPoint[], tx: Db | Prisma.TransactionClient = db): Promise<void> {
  const merged = new Map<string, { count: number; sum: number; min: number; max: number }>();
  for (const { series, value } of points) {
    if (!Number.isFinite(value)) continue;
    const m = merged.get(series);
    if (m) {
      m.count++;
      m.sum += value;
      m.min = Math.min(m.min, value);
      m.max = Math.max(m.max, value);
    } else merged.set(series, { count: 1, sum: value, min: value, max: value });
  }
  if (!merged.size) return;
  for (const tier of TIERS) {
    const bucket = bucketStart(at.getTime(), tier.ms);
    const rows: RollupRow[] = [...merged].map(([series, m]) => [nodeId, series, bucket, m.count, m.sum, m.min, m.max]);
    await upsertRollups(db, tier.id, rows, tx);
  }
}
