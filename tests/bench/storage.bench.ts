import Database from "better-sqlite3";
import { bucketStart, DAY_MS, TIERS } from "@/lib/domain/rollup-tiers";
import { DEFAULT_SETTINGS, RETENTION_SETTING } from "@/lib/domain/settings";
import { insertRows } from "@/lib/server/db/bulk-insert";
import { TIER_TABLES, upsertRollups, type RollupRow } from "@/lib/server/rollups/rollup-sql";
import { benchDb, relaysAt } from "./bench-db";
import type { BenchRow } from "./bench-types";

const NODES = 50;
const GOAL_BYTES = 20 * 1024;
const DAY0 = Date.UTC(2026, 10, 24);

/** Tiers kept longer than raw samples by default: what a day leaves behind for the long term. */
const LONG_TERM = TIERS.filter(
  (t) => DEFAULT_SETTINGS[RETENTION_SETTING[t.id]] > DEFAULT_SETTINGS.rawSampleRetentionDays,
);

/**
 * P4: bytes on disk per node-day (SQLite pages, tables and their indexes, from dbstat) for one UTC
 * day of an Expressway-E polled every 10 s: raw relay and port samples, and every rollup tier,
 * written time step by time step as the poller does. The goal is about what a day keeps after
 * rollups: the tiers kept longer than raw samples (15 min, 1 h, 6 h, 1 d by default). Raw samples
 * and the shorter-lived tiers (1 and 5 min) are reported too; retention removes them sooner.
 */
export async function benchStorage(): Promise<BenchRow> {
  const b = await benchDb(NODES);
  try {
    for (let t = DAY0; t < DAY0 + DAY_MS; t += 10_000) {
      await b.db.$transaction(async (tx) => {
        const values = b.nodeIds.map((_, i) => relaysAt(t, i));
        await insertRows(
          b.db,
          "turn_relay_sample",
          ["node_id", "ts", "current", "peak", "total", "server_status"],
          b.nodeIds.map((id, i) => [id, t, values[i], 400, 100_000 + t / 10_000, "Active"]),
          tx,
        );
        await insertRows(
          b.db,
          "turn_port_sample",
          ["node_id", "ts", "port", "count", "udp", "tcp"],
          b.nodeIds.map((id, i) => [id, t, 3478, values[i], values[i], 0]),
          tx,
        );
        for (const tier of TIERS) {
          const bucket = bucketStart(t, tier.ms);
          await upsertRollups(
            b.db,
            tier.id,
            b.nodeIds.map((id, i): RollupRow => [id, "relay", bucket, 1, values[i]!, values[i]!, values[i]!]),
            tx,
          );
        }
      });
    }
    await b.db.$disconnect();
    const sqlite = new Database(b.file);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const owner = new Map(
      (
        sqlite.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table','index')").all() as {
          name: string;
          tbl_name: string;
        }[]
      ).map((r) => [r.name, r.tbl_name]),
    );
    const bytes: Record<string, number> = {};
    for (const r of sqlite.prepare("SELECT name, SUM(pgsize) AS size FROM dbstat GROUP BY name").all() as {
      name: string;
      size: number;
    }[]) {
      const table = owner.get(r.name) ?? r.name;
      bytes[table] = (bytes[table] ?? 0) + r.size;
    }
    sqlite.close();
    const perNode = (...tables: string[]) => Math.round(tables.reduce((s, t) => s + (bytes[t] ?? 0), 0) / NODES);
    const kept = perNode(...LONG_TERM.map((t) => TIER_TABLES[t.id]));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const tiers = TIERS.map((t) => ({
      id: t.id,
      bytes: perNode(TIER_TABLES[t.id]),
      days: DEFAULT_SETTINGS[RETENTION_SETTING[t.id]],
    }));
    const raw = perNode("turn_relay_sample", "turn_port_sample");
    return {
      id: "P4",
      what: `stored bytes per node-day after rollups (${LONG_TERM.map((t) => t.id).join(" + ")} rows; ${NODES} Expressway-E, 10 s polls)`,
      goal: `≤ ${kb(GOAL_BYTES)}`,
      measured: kb(kept),
      met: kept <= GOAL_BYTES,
      note: `per tier: ${tiers.map((t) => `${t.id} ${kb(t.bytes)} (${t.days} d)`).join(", ")}; raw samples ${kb(raw)} (${DEFAULT_SETTINGS.rawSampleRetentionDays} d); a CMS costs this per TURN host × 2 (RTT, allocations)`,
      raw: {
        longTermBytes: kept,
        ...Object.fromEntries(tiers.map((t) => [`tier_${t.id}_bytes`, t.bytes])),
        rawSampleBytes: raw,
        nodes: NODES,
      },
    };
  } finally {
    await b.cleanup();
  }
}
