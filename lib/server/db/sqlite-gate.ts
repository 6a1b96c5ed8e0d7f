import "server-only";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";

/** A FIFO lock: `run` waits for every earlier holder to release. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * better-sqlite3 gives Prisma ONE connection, and the adapter only serialises transactions with
 * each other: a query outside a transaction runs on that connection even while another caller's
 * transaction is open, so it reads that transaction's uncommitted rows and, worse, its writes
 * join it and vanish if it rolls back (the poller's group commit holds a transaction for much of
 * each cycle). Here every statement outside a transaction waits for the open one to finish, and
 * a transaction waits for the statements before it: the isolation separate connections give.
 * Code must therefore never query through the root client inside its own transaction callback
 * (that waits for itself until the transaction times out) — use the `tx` client.
 */
export function gateSqliteAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (q) => lock.run(() => queryRaw(q));
  adapter.executeRaw = (q) => lock.run(() => executeRaw(q));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await lock.acquire();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (err) {
      release();
      throw err;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    return tx;
  };
  return adapter;
}
