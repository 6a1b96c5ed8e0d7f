import "server-only";
import { TIERS } from "@/lib/domain/rollup-tiers";
import { RETENTION_SETTING, type Settings } from "@/lib/domain/settings";
import { Prisma } from "@/lib/generated/prisma/client";
import { TIER_TABLES } from "@/lib/server/rollups/rollup-sql";
import type { Db } from "./client";
import { dialectOf } from "./dialect";

/** Rows per delete: each batch holds the write lock for milliseconds, so polls never wait long. */
export const RETENTION_BATCH = 2000;
const DAY_MS = 86_400_000;

/**
 * Every table retention trims: its DateTime column and the setting that says how long.
 * Snapshots are not trimmed: a row exists only per change of state, and state changes are kept.
 * Rollup rows are inserted bucket by bucket, so rowid order follows time and each batch below
 * finds its rows at the start of the table.
 */
export const RETAINED_TABLES: { table: string; column: string; setting: keyof Settings }[] = [
  { table: "turn_relay_sample", column: "ts", setting: "rawSampleRetentionDays" },
  { table: "turn_port_sample", column: "ts", setting: "rawSampleRetentionDays" },
  { table: "turn_server_sample", column: "ts", setting: "rawSampleRetentionDays" },
  { table: "system_sample", column: "ts", setting: "rawSampleRetentionDays" },
  ...TIERS.map((t) => ({ table: TIER_TABLES[t.id], column: "bucket", setting: RETENTION_SETTING[t.id] })),
  { table: "poll_run", column: "started_at", setting: "pollRunRetentionDays" },
  { table: "audit_log", column: "ts", setting: "auditRetentionDays" },
];

const yieldToOthers = () => new Promise((r) => setImmediate(r));

/** Deletes what is older than the settings allow, batch by batch; returns rows deleted per table. */
export async function runRetention(db: Db, settings: Settings, now = new Date()): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  const d = dialectOf(db);
  for (const { table, column, setting } of RETAINED_TABLES) {
    const cutoff = now.getTime() - settings[setting] * DAY_MS;
    deleted[table] = 0;
    for (;;) {
      // Table and column names come from the constant above, never from input.
      const older = Prisma.sql`${Prisma.raw(`"${column}"`)} < ${d.timestamp(cutoff)}`;
      const n = await db.$executeRaw(d.deleteBatch(table, older, RETENTION_BATCH));
      deleted[table] += n;
      if (n < RETENTION_BATCH) break;
      await yieldToOthers();
    }
  }
  deleted.session = await db.session.deleteMany({ where: { expiresAt: { lt: now } } }).then((r) => r.count);
  return deleted;
}
