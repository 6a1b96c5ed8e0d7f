import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, newestPerKey } from "@/lib/server/db/keyed-reads";
import type { Tx } from "./types";

// Tabular sources (tunnels, allow-list rules, turnServer config, settings…) change rarely, so a
// row is written only when the content changes; an unchanged poll moves lastSeenAt instead — a
// heartbeat that says "still the same at T" without a row per poll.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with object keys sorted at every depth (array order kept), so equal content hashes equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x); // undefined is absent in JSON: keep hashes stable
    }
    return out;
  }
  return v as Json;
}

export const contentHash = (value: unknown): string => createHash("sha256").update(canonicalJson(value)).digest("hex");

/** Stores `content` for (node, source): a new row when it differs from the latest, else a heartbeat. */
export async function storeSnapshot(tx: Tx, nodeId: string, source: string, at: Date, content: unknown): Promise<"changed" | "unchanged"> {
  const json = canonicalJson(content);
  const hash = createHash("sha256").update(json).digest("hex");
  const last = await tx.snapshot.findFirst({ where: { nodeId, source }, orderBy: { id: "desc" }, select: { id: true, contentHash: true } });
  if (last?.contentHash === hash) {
    await tx.snapshot.update({ where: { id: last.id }, data: { lastSeenAt: at } });
    return "unchanged";
  }
  await tx.snapshot.create({ data: { nodeId, source, contentHash: hash, content: json, firstSeenAt: at, lastSeenAt: at } });
  return "changed";
}

export interface SnapshotView<T> {
  /** When this content was first seen (the last change) and last confirmed unchanged */
  since: string;
  lastSeenAt: string;
  content: T;
}

/** One stored row as status views show it: shared by latestSnapshot and latestSnapshots so they cannot drift. */
const viewOf = <T>(s: { firstSeenAt: Date; lastSeenAt: Date; content: string }): SnapshotView<T> => ({
  since: s.firstSeenAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  content: JSON.parse(s.content) as T,
});

/** The latest snapshot of (node, source), or null when none was stored yet. */
export async function latestSnapshot<T>(db: Db, nodeId: string, source: string): Promise<SnapshotView<T> | null> {
  const s = await db.snapshot.findFirst({ where: { nodeId, source }, orderBy: { id: "desc" } });
  return s && viewOf<T>(s);
}

/** latestSnapshot of many nodes in one statement (index snapshot(node_id, source, id)): nodeId → view. */
export async function latestSnapshots<T>(db: Db, nodeIds: readonly string[], source: string): Promise<Map<string, SnapshotView<T>>> {
  const d = dialectOf(db);
  const rows = await newestPerKey<{ node_id: string; content: string; first_ms: bigint | number; last_ms: bigint | number }>(db, {
    table: "snapshot",
    keyColumns: ["node_id"],
    keys: nodeIds.map((id) => [id]),
    where: Prisma.sql`i."source" = ${source}`,
    newest: "id",
    select: Prisma.sql`t."node_id", t."content", ${d.epochMs('t."first_seen_at"')} AS first_ms, ${d.epochMs('t."last_seen_at"')} AS last_ms`,
  });
  return new Map(rows.map((r) => [r.node_id, viewOf<T>({ firstSeenAt: dateOf(r.first_ms), lastSeenAt: dateOf(r.last_ms), content: r.content })]));
}

/** store/latest for a collector whose whole value is one snapshot. */
export function snapshotStorage<T>(source: string) {
  return {
    store: async (tx: Tx, nodeId: string, at: Date, value: T) => void (await storeSnapshot(tx, nodeId, source, at, value)),
    latest: (db: Db, nodeId: string) => latestSnapshot<T>(db, nodeId, source),
    latestMany: (db: Db, nodeIds: readonly string[]) => latestSnapshots<T>(db, nodeIds, source),
  };
}

/** A copy sorted by a string key: devices list unordered things in any order, hashes must not care. */
export const sortedBy = <T>(list: readonly T[], key: (t: T) => string): T[] => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
