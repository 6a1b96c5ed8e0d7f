import "server-only";
import { createHash } from "node:crypto";
import { nodeSourceKey } from "@/lib/domain/keys";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/bulk-insert";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, newestPerKey } from "@/lib/server/db/keyed-reads";
import { storedValue, type StoredRows, type Traced, type Tx } from "./types";

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

export interface SnapshotWrite {
  nodeId: string;
  source: string;
  at: Date;
  content: unknown;
}

/** Ids per UPDATE: 3 bound values each stays far below both databases' variable limits. */
const IDS_PER_UPDATE = 300;

/**
 * Stores many snapshots in a few statements: one read of the latest hash of every (node,
 * source), one multi-row INSERT of the changed ones, one UPDATE of lastSeenAt for the unchanged ones.
 * A (node, source) given twice is stored in order, as two calls would.
 */
export async function storeSnapshots(
  db: Db,
  tx: Tx,
  writes: readonly SnapshotWrite[],
): Promise<Array<"changed" | "unchanged">> {
  const outcome = new Map<SnapshotWrite, "changed" | "unchanged">();
  for (const round of roundsOf(writes)) {
    const hashed = round.map((w) => {
      const json = canonicalJson(w.content);
      return { w, json, hash: createHash("sha256").update(json).digest("hex") };
    });
    const latest = await latestHashes(tx, round);
    const unchanged: Array<readonly [number, number]> = [];
    const changed: Prisma.SnapshotCreateManyInput[] = [];
    for (const { w, json, hash } of hashed) {
      const last = latest.get(keyOf(w));
      if (last?.contentHash === hash) unchanged.push([last.id, w.at.getTime()]);
      else
        changed.push({
          nodeId: w.nodeId,
          source: w.source,
          contentHash: hash,
          content: json,
          firstSeenAt: w.at,
          lastSeenAt: w.at,
        });
      outcome.set(w, last?.contentHash === hash ? "unchanged" : "changed");
    }
    await insertRows(
      db,
      "snapshot",
      ["node_id", "source", "content_hash", "content", "first_seen_at", "last_seen_at"],
      changed.map((c) => [c.nodeId, c.source, c.contentHash, c.content, c.firstSeenAt, c.lastSeenAt]),
      tx,
    );
    await touchLastSeen(db, tx, unchanged);
  }
  return writes.map((w) => outcome.get(w)!);
}

/** Stores `content` for (node, source): a new row when it differs from the latest, else a heartbeat. */
export async function storeSnapshot(
  db: Db,
  tx: Tx,
  nodeId: string,
  source: string,
  at: Date,
  content: unknown,
): Promise<"changed" | "unchanged"> {
  return (await storeSnapshots(db, tx, [{ nodeId, source, at, content }]))[0]!;
}

const keyOf = (w: { nodeId: string; source: string }) => nodeSourceKey(w.nodeId, w.source);

/** Splits writes so that each (node, source) appears at most once per round, keeping their order. */
function roundsOf(writes: readonly SnapshotWrite[]): SnapshotWrite[][] {
  const rounds: SnapshotWrite[][] = [];
  const seen = new Map<string, number>();
  for (const w of writes) {
    const n = seen.get(keyOf(w)) ?? 0;
    seen.set(keyOf(w), n + 1);
    (rounds[n] ??= []).push(w);
  }
  return rounds;
}

/** The latest snapshot (id, hash) of each (node, source) among `writes`. */
async function latestHashes(
  tx: Tx,
  writes: readonly SnapshotWrite[],
): Promise<Map<string, { id: number; contentHash: string }>> {
  const nodeIds = [...new Set(writes.map((w) => w.nodeId))];
  const sources = [...new Set(writes.map((w) => w.source))];
  const newest = await tx.snapshot.groupBy({
    by: ["nodeId", "source"],
    where: { nodeId: { in: nodeIds }, source: { in: sources } },
    _max: { id: true },
  });
  const ids = newest.map((g) => g._max.id).filter((id): id is number => id !== null);
  const rows = ids.length
    ? await tx.snapshot.findMany({
        where: { id: { in: ids } },
        select: { id: true, nodeId: true, source: true, contentHash: true },
      })
    : [];
  return new Map(rows.map((r) => [keyOf(r), r]));
}

/** Sets each snapshot's lastSeenAt to its own time, in one UPDATE per IDS_PER_UPDATE rows. */
async function touchLastSeen(db: Db, tx: Tx, rows: ReadonlyArray<readonly [id: number, atMs: number]>): Promise<void> {
  const d = dialectOf(db);
  for (let i = 0; i < rows.length; i += IDS_PER_UPDATE) {
    const chunk = rows.slice(i, i + IDS_PER_UPDATE);
    const cases = chunk.map(([id, ms]) => Prisma.sql`WHEN ${id} THEN ${d.timestamp(ms)}`);
    await tx.$executeRaw(
      Prisma.sql`UPDATE "snapshot" SET "last_seen_at" = CASE "id" ${Prisma.join(cases, " ")} END WHERE "id" IN (${Prisma.join(chunk.map(([id]) => id))})`,
    );
  }
}

export interface SnapshotView<T> {
  /** When this content was first seen (the last change) and last confirmed unchanged */
  since: string;
  lastSeenAt: string;
  content: T;
}

/** One stored row as status views show it: as latestSnapshots gives it. */
const viewOf = <T>(s: { firstSeenAt: Date; lastSeenAt: Date; content: string }): SnapshotView<T> => ({
  since: s.firstSeenAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  content: JSON.parse(s.content) as T,
});

/** The latest snapshot of (node, source) for many nodes in one statement (index snapshot(node_id, source, id)): nodeId → view. */
export async function latestSnapshots<T>(
  db: Db,
  nodeIds: readonly string[],
  source: string,
): Promise<Map<string, SnapshotView<T>>> {
  const d = dialectOf(db);
  const rows = await newestPerKey<{
    node_id: string;
    content: string;
    first_ms: bigint | number;
    last_ms: bigint | number;
  }>(db, {
    table: "snapshot",
    keyColumns: ["node_id"],
    keys: nodeIds.map((id) => [id]),
    where: Prisma.sql`i."source" = ${source}`,
    newest: "id",
    select: Prisma.sql`t."node_id", t."content", ${d.epochMs('t."first_seen_at"')} AS first_ms, ${d.epochMs('t."last_seen_at"')} AS last_ms`,
  });
  return new Map(
    rows.map((r) => [
      r.node_id,
      viewOf<T>({ firstSeenAt: dateOf(r.first_ms), lastSeenAt: dateOf(r.last_ms), content: r.content }),
    ]),
  );
}

/** rows/latestMany for a collector whose whole value is one snapshot (its source is the collector id). */
export function snapshotStorage<T>(source: string) {
  return {
    rows: (_nodeId: string, _at: Date, value: T): StoredRows => ({ snapshot: storedValue(value as T & Traced) }),
    latestMany: (db: Db, nodeIds: readonly string[]) => latestSnapshots<T>(db, nodeIds, source),
  };
}

/** A copy sorted by a string key: devices list unordered things in any order, hashes must not care. */
export const sortedBy = <T>(list: readonly T[], key: (t: T) => string): T[] =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
