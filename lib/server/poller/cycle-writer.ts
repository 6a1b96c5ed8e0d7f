import "server-only";
import type { PollOutcome } from "@/lib/domain/types";
import type { SampleRows, Tx } from "@/lib/server/collectors/types";
import { storeSnapshots, type SnapshotWrite } from "@/lib/server/collectors/snapshot-store";
import type { Db } from "@/lib/server/db/client";
import { applyRollupsBatch, type RollupInput } from "@/lib/server/rollups/apply-rollups";

/** Everything one node cycle writes: its attempts, and the rows of each successful source. */
export interface CycleRecord {
  nodeId: string;
  runs: Array<{ source: string; startedAt: Date; finishedAt: Date; outcome: PollOutcome; message: string | null }>;
  snapshots: SnapshotWrite[];
  samples: SampleRows[];
  rollups: RollupInput[];
}

type SampleTable = keyof SampleRows;

const insert = async <R>(rows: R[], create: (data: R[]) => Promise<unknown>): Promise<void> => void (rows.length && (await create(rows)));

/** Rows of one sample table across records, in one createMany (a table missing here is a compile error). */
const INSERTS: { [K in SampleTable]-?: (tx: Tx, samples: readonly SampleRows[]) => Promise<unknown> } = {
  turnRelaySample: (tx, s) => insert(s.flatMap((x) => x.turnRelaySample ?? []), (data) => tx.turnRelaySample.createMany({ data })),
  turnPortSample: (tx, s) => insert(s.flatMap((x) => x.turnPortSample ?? []), (data) => tx.turnPortSample.createMany({ data })),
  turnServerSample: (tx, s) => insert(s.flatMap((x) => x.turnServerSample ?? []), (data) => tx.turnServerSample.createMany({ data })),
  systemSample: (tx, s) => insert(s.flatMap((x) => x.systemSample ?? []), (data) => tx.systemSample.createMany({ data })),
};

/**
 * Writes the records of several node cycles inside one transaction, with a fixed number of
 * statements whatever their number: one INSERT per table, a few for snapshots, one upsert per
 * rollup tier. Per-node statements were most of a 500-node cycle's CPU (Prisma's work per query,
 * not SQLite's), see README Benchmarks, P1.
 */
export async function writeCycles(db: Db, tx: Tx, records: readonly CycleRecord[]): Promise<void> {
  const runs = records.flatMap((r) => r.runs.map((run) => ({ nodeId: r.nodeId, ...run })));
  if (runs.length) await tx.pollRun.createMany({ data: runs });
  const samples = records.flatMap((r) => r.samples);
  for (const write of Object.values(INSERTS)) await write(tx, samples);
  const snapshots = records.flatMap((r) => r.snapshots);
  if (snapshots.length) await storeSnapshots(db, tx, snapshots);
  const rollups = records.flatMap((r) => r.rollups);
  if (rollups.length) await applyRollupsBatch(db, rollups, tx);
}
