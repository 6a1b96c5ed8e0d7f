import "server-only";
import type { Tx } from "@/lib/server/collectors/types";
import type { Db } from "@/lib/server/db/client";

type Write = (tx: Tx) => Promise<void>;
interface Pending {
  write: Write;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for node cycles: writes queued while a transaction runs go into the next one
 * together. With 500 nodes answering within ~100 ms of each other, one transaction per node
 * cost ~2–10 ms each (commit + fsync, Prisma's transaction round trips), all on the event loop
 * (npm run bench, P1). Each node's cycle stays all-or-nothing: if a group fails, its writes are
 * retried one transaction each, so one bad write never costs another node its cycle.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  run(write: Write): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Let cycles that finish in the same turn of the event loop join the first group.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length) {
      const group = this.queue;
      this.queue = [];
      try {
        await this.db.$transaction(async (tx) => {
          for (const p of group) await p.write(tx);
        });
        group.forEach((p) => p.resolve());
      } catch {
        for (const p of group) await this.db.$transaction((tx) => p.write(tx)).then(p.resolve, p.reject);
      }
    }
    this.flushing = null;
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/** One group per database client, shared by every poller on it. */
export function groupCommitFor(db: Db): GroupCommit {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g;
}
