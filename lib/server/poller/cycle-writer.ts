import "server-only";
import type { PollOutcome } from "@/lib/domain/types";
import type { Collector, SampleRows, Tx } from "@/lib/server/collectors/types";
import { storeSnapshots, type SnapshotWrite } from "@/lib/server/collectors/snapshot-store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/bulk-insert";
import type { Db } from "@/lib/server/db/client";
import { tableColumns } from "@/lib/server/db/columns";
import { applyRollupsBatch, type RollupInput } from "@/lib/server/rollups/apply-rollups";

/** Everything one node cycle writes: its attempts, and the rows of each successful source. */
export interface CycleRecord {
  nodeId: string;
  runs: Array<{ source: string; startedAt: Date; finishedAt: Date; outcome: PollOutcome; message: string | null }>;
  snapshots: SnapshotWrite[];
  samples: SampleRows[];
  rollups: RollupInput[];
}

/** Adds what one successful source result writes (its snapshot, samples and rollup points) to a cycle's record. */
export function addSourceRows(record: CycleRecord, collector: Collector<unknown>, at: Date, value: unknown): void {
  const rows = collector.rows(record.nodeId, at, value);
  // Rollups move in the same transaction and at the same timestamp as the samples, so the two
  // never disagree, even after a crash.
  const points = collector.rollups?.(value) ?? [];
  if (rows.snapshot !== undefined)
    record.snapshots.push({ nodeId: record.nodeId, source: collector.id, at, content: rows.snapshot });
  if (rows.samples) record.samples.push(rows.samples);
  if (points.length) record.rollups.push({ nodeId: record.nodeId, at, points });
}

/** Each sample table's model (a table missing here is a compile error); columns come from the schema (db/columns.ts). */
const SAMPLE_MODELS: { [K in keyof SampleRows]-?: Prisma.ModelName } = {
  turnRelaySample: "TurnRelaySample",
  turnPortSample: "TurnPortSample",
  turnServerSample: "TurnServerSample",
  systemSample: "SystemSample",
};

/** Rows as objects → one multi-row INSERT per chunk (bulk-insert.ts); an absent optional field is NULL. */
function insertObjects(db: Db, tx: Tx, model: Prisma.ModelName, rows: readonly object[]): Promise<unknown> {
  if (!rows.length) return Promise.resolve();
  const { table, fields, columns } = tableColumns(db, model);
  const values = rows.map((r) => fields.map((f) => (r as Record<string, unknown>)[f] ?? null));
  return insertRows(db, table, columns, values, tx);
}

/**
 * Writes the records of several node cycles inside one transaction, with a fixed number of
 * statements whatever their number: one INSERT per table, a few for snapshots, one upsert per
 * rollup tier. Per-node statements, then Prisma's per-row work in createMany (~11k rows/s against
 * ~200k for a raw multi-row INSERT, P2), were most of a 500-node cycle's CPU (docs/benchmarks.md, P1).
 */
export async function writeCycles(db: Db, tx: Tx, records: readonly CycleRecord[]): Promise<void> {
  const runs: Prisma.PollRunCreateManyInput[] = records.flatMap((r) =>
    r.runs.map((run) => ({ nodeId: r.nodeId, ...run })),
  );
  await insertObjects(db, tx, "PollRun", runs);
  const samples = records.flatMap((r) => r.samples);
  for (const [key, model] of Object.entries(SAMPLE_MODELS)) {
    await insertObjects(
      db,
      tx,
      model,
      samples.flatMap((x) => (x[key as keyof SampleRows] ?? []) as object[]),
    );
  }
  const snapshots = records.flatMap((r) => r.snapshots);
  if (snapshots.length) await storeSnapshots(db, tx, snapshots);
  const rollups = records.flatMap((r) => r.rollups);
  if (rollups.length) await applyRollupsBatch(db, rollups, tx);
}
