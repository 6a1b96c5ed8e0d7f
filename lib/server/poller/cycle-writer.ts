import "server-only";
import type { PollOutcome } from "@/lib/domain/types";
import type { Collector, SampleRows, Tx } from "@/lib/server/collectors/types";
import { storeSnapshots, type SnapshotWrite } from "@/lib/server/collectors/snapshot-store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/bulk-insert";
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

/** Adds what one successful source result writes (its snapshot, samples and rollup points) to a cycle's record. */
export function addSourceRows(record: CycleRecord, collector: Collector<unknown>, at: Date, value: unknown): void {
  const rows = collector.rows(record.nodeId, at, value);
  // Rollups move in the same transaction and at the same timestamp as the samples, so the two
  // never disagree, even after a crash.
  const points = collector.rollups?.(value) ?? [];
  if (rows.snapshot !== undefined) record.snapshots.push({ nodeId: record.nodeId, source: collector.id, at, content: rows.snapshot });
  if (rows.samples) record.samples.push(rows.samples);
  if (points.length) record.rollups.push({ nodeId: record.nodeId, at, points });
}

type Input<T> = Required<Omit<T, "id">>;
/** A model's table and, for each of its fields, the column (every field must be named: a new one is a compile error). */
interface TableSpec<T> {
  table: string;
  columns: { [K in keyof Input<T>]: string };
}
const spec = <T>(s: TableSpec<T>) => s;

const POLL_RUN = spec<Prisma.PollRunCreateManyInput>({
  table: "poll_run",
  columns: { nodeId: "node_id", source: "source", startedAt: "started_at", finishedAt: "finished_at", outcome: "outcome", message: "message" },
});

/** Each sample table's rows across records (a table missing here is a compile error). */
const SAMPLE_SPECS: { [K in keyof SampleRows]-?: TableSpec<NonNullable<SampleRows[K]>[number]> } = {
  turnRelaySample: spec({ table: "turn_relay_sample", columns: { nodeId: "node_id", ts: "ts", current: "current", peak: "peak", total: "total", serverStatus: "server_status" } }),
  turnPortSample: spec({ table: "turn_port_sample", columns: { nodeId: "node_id", ts: "ts", port: "port", count: "count", udp: "udp", tcp: "tcp" } }),
  turnServerSample: spec({ table: "turn_server_sample", columns: { nodeId: "node_id", turnServerId: "turn_server_id", hostAddress: "host_address", ts: "ts", rttMs: "rtt_ms", allocations: "allocations" } }),
  systemSample: spec({ table: "system_sample", columns: { nodeId: "node_id", ts: "ts", uptimeSeconds: "uptime_seconds", callLegsActive: "call_legs_active" } }),
};

/** Rows as objects → one multi-row INSERT per chunk (bulk-insert.ts); an absent optional field is NULL. */
function insertObjects<T extends object>(db: Db, tx: Tx, s: TableSpec<T>, rows: readonly T[]): Promise<unknown> {
  if (!rows.length) return Promise.resolve();
  const fields = Object.keys(s.columns) as Array<keyof Input<T>>;
  const values = rows.map((r) => fields.map((f) => (r as Record<keyof Input<T>, unknown>)[f] ?? null));
  return insertRows(db, s.table, fields.map((f) => s.columns[f]), values, tx);
}

/**
 * Writes the records of several node cycles inside one transaction, with a fixed number of
 * statements whatever their number: one INSERT per table, a few for snapshots, one upsert per
 * rollup tier. Per-node statements, then Prisma's per-row work in createMany (~11k rows/s against
 * ~200k for a raw multi-row INSERT, P2), were most of a 500-node cycle's CPU (docs/benchmarks.md, P1).
 */
export async function writeCycles(db: Db, tx: Tx, records: readonly CycleRecord[]): Promise<void> {
  await insertObjects(db, tx, POLL_RUN, records.flatMap((r) => r.runs.map((run) => ({ nodeId: r.nodeId, ...run }))));
  const samples = records.flatMap((r) => r.samples);
  for (const [table, s] of Object.entries(SAMPLE_SPECS)) {
    await insertObjects(db, tx, s as TableSpec<object>, samples.flatMap((x) => (x[table as keyof SampleRows] ?? []) as object[]));
  }
  const snapshots = records.flatMap((r) => r.snapshots);
  if (snapshots.length) await storeSnapshots(db, tx, snapshots);
  const rollups = records.flatMap((r) => r.rollups);
  if (rollups.length) await applyRollupsBatch(db, rollups, tx);
}
