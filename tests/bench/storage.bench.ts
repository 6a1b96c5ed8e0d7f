import Database from "better-sqlite3";
import { bucketStart, DAY_MS, TIERS } from "@/lib/domain/rollup-tiers";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { TIER_TABLES, upsertRollups, type RollupRow } from "@/lib/server/rollups/rollup-sql";
import { benchDb, relaysAt } from "./bench-db";
import type { BenchRow } from "./bench-types";

const NODES = 50;
const GOAL_BYTES = 20 * 1024;
const DAY0 = Date.UTC(2026, 10, 24);

/**
 * P4: bytes on disk per node-day (SQLite pages, tables and their indexes, from dbstat) for one UTC
 * day of an Expressway-E polled every 10 s: raw relay and port samples, and the three rollup
 * tiers, written time step by time step as the poller does. The goal is about what a day keeps
 * after rollups: hourly and daily rows. Raw samples (30 days) and 1-minute rollups (14 days)
 * are reported too; they are short-lived by retention.
 */
export async function benchStorage(): Promise<BenchRow> {
  const b = await benchDb(NODES);
  try {
    for (let t = DAY0; t < DAY0 + DAY_MS; t += 10_000) {
      await b.db.$transaction(async (tx) => {
        const values = b.nodeIds.map((_, i) => relaysAt(t, i));
        await insertRows(b.db, "turn_relay_sample", ["node_id", "ts", "current", "peak", "total", "server_status"], b.nodeIds.map((id, i) => [id, t, values[i], 400, 100_000 + t / 10_000, "Active"]), tx);
        await insertRows(b.db, "turn_port_sample", ["node_id", "ts", "port", "count", "udp", "tcp"], b.nodeIds.map((id, i) => [id, t, 3478, values[i], values[i], 0]), tx);
        for (const tier of TIERS) {
          const bucket = bucketStart(t, tier.ms);
          await upsertRollups(b.db, tier.id, b.nodeIds.map((id, i): RollupRow => [id, "relay", bucket, 1, values[i]!, values[i]!, values[i]!]), tx);
        }
      });
    }
    await b.db.$disconnect();
    const sqlite = new Database(b.file);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const owner = new Map((sqlite.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table','index')").all() as { name: string; tbl_name: string }[]).map((r) => [r.name, r.tbl_name]));
    const bytes: Record<string, number> = {};
    for (const r of sqlite.prepare("SELECT name, SUM(pgsize) AS size FROM dbstat GROUP BY name").all() as { name: string; size: number }[]) {
      const table = owner.get(r.name) ?? r.name;
      bytes[table] = (bytes[table] ?? 0) + r.size;
    }
    sqlite.close();
    const perNode = (...tables: string[]) => Math.round(tables.reduce((s, t) => s + (bytes[t] ?? 0), 0) / NODES);
    const kept = perNode(TIER_TABLES["1h"], TIER_TABLES["1d"]);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const minute = perNode(TIER_TABLES["1m"]);
    const raw = perNode("turn_relay_sample", "turn_port_sample");
    return {
      id: "P4", what: `stored bytes per node-day after rollups (hourly + daily rows; ${NODES} Expressway-E, 10 s polls)`, goal: `≤ ${kb(GOAL_BYTES)}`,
      measured: kb(kept), met: kept <= GOAL_BYTES,
      note: `while still kept: 1-minute rollups ${kb(minute)} (14 d), raw samples ${kb(raw)} (30 d); a CMS costs this per TURN host × 2 (RTT, allocations)`,
      raw: { hourAndDayBytes: kept, minuteBytes: minute, rawSampleBytes: raw, nodes: NODES },
    };
  } finally {
    await b.cleanup();
  }
}
