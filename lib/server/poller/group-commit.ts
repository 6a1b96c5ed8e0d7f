import "server-only";
import type { Db } from "@/lib/server/db/client";
import { writeCycles, type CycleRecord } from "./cycle-writer";

/**
 * Most cycles in one commit group: bounds one transaction's time (SQLite lets one writer in at a
 * time) and its statements' bound values (a 200-node group is ~1 000 poll-run rows).
 */
const MAX_GROUP = 200;
/**
 * Prisma's defaults (2 s to start, 5 s to finish) are for requests; a group may queue behind
 * page reads on SQLite's one connection (sqlite-gate.ts) and writes up to MAX_GROUP cycles on a
 * loaded machine. Losing a group to a timeout would drop its polls, so the limits are generous.
 */
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

interface Pending {
  record: CycleRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for node cycles: cycles that finish while a group is being written go into the
 * next group, written in ONE transaction with batched statements (cycle-writer.ts). A lone cycle
 * is written at once (after the current turn of the event loop), so nothing waits for company.
 *
 * Each cycle stays all-or-nothing: if a group's transaction fails, every cycle of it is written
 * again in a transaction of its own, so one bad record costs only its own node its cycle.
 * Every submitted cycle settles: the loop below runs until the queue is empty, and a failure of
 * one group never stops the next.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private draining = false;

  constructor(private readonly db: Db) {}

  /** Resolves once the record is committed; rejects if it could not be written. */
  write(record: CycleRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      // Cycles finishing in the same turn of the event loop join the first group.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length) {
        const group = this.queue.splice(0, MAX_GROUP);
        await this.commit(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      await this.db.$transaction(
        (tx) =>
          writeCycles(
            this.db,
            tx,
            group.map((p) => p.record),
          ),
        TX_OPTIONS,
      );
      for (const p of group) p.resolve();
      return;
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
    }
    for (const p of group) {
      await this.db.$transaction((tx) => writeCycles(this.db, tx, [p.record]), TX_OPTIONS).then(p.resolve, p.reject);
    }
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/** One group commit per database client, shared by every poller on it. */
export function groupCommitFor(db: Db): GroupCommit {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g;
}
