import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "@/lib/server/db/client";

// Several instances on one database share the nodes through leases (table poll_lease): an
// instance polls a node only while it holds the node's unexpired lease. Why leases rather than
// PostgreSQL advisory locks: an advisory lock lives on one connection, so holding hundreds
// needs pinned connections, and a dead instance's locks go only when PostgreSQL notices the
// dead TCP connection, which takes as long as the keepalive settings say. A lease row expires
// at a time we choose, works the same on SQLite (one instance, same code path), and can be read
// by anyone (`SELECT * FROM poll_lease` shows who polls what).
//
// Each instance also keeps a row in poller_instance with the same expiry. The live rows give the
// fair share, ceil(nodes / live instances): an instance over it releases idle nodes, one under
// it takes free or expired leases. A dead instance's rows and leases expire together, within
// `leaseMs` of its last renewal, and the survivors take its nodes on their next tick.

export interface LeaseState {
  instanceId: string;
  leaseMs: number;
  nodesHeld: number;
  liveInstances: number;
}

/** hostname:pid:random, so `poll_lease.holder` says which machine and process polls a node. */
export function newInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

export class LeaseKeeper {
  private held = new Set<string>();
  private liveInstances = 0;
  /** Expiry written at the last renewal; every row of this instance carries it. */
  private expiresAt = new Date(0);
  private renewAtMs = 0;

  constructor(
    private readonly db: Db,
    readonly instanceId: string,
    /** How long a lease lasts without renewal; renewed when half of it is left. */
    readonly leaseMs: number,
    private readonly now: () => Date,
  ) {}

  state(): LeaseState {
    return {
      instanceId: this.instanceId,
      leaseMs: this.leaseMs,
      nodesHeld: this.held.size,
      liveInstances: this.liveInstances,
    };
  }

  /**
   * One scheduling pass over the pollable nodes: renew (when due), release what is over the fair
   * share (never a node with a cycle in flight), take free leases up to it. Returns the nodes
   * held now and those newly taken, whose last poll times the caller reads from the database.
   */
  async sync(
    nodeIds: readonly string[],
    busy: ReadonlySet<string>,
  ): Promise<{ held: ReadonlySet<string>; taken: string[] }> {
    const now = this.now();
    if (now.getTime() >= this.renewAtMs) await this.renew(now);
    const [leases, live] = await Promise.all([
      this.db.pollLease.findMany(),
      this.db.pollerInstance.findMany({ where: { expiresAt: { gt: now } }, select: { id: true } }),
    ]);
    this.liveInstances = live.length + (live.some((i) => i.id === this.instanceId) ? 0 : 1);
    const exists = new Set(nodeIds);
    const mine = leases.filter((l) => l.holder === this.instanceId && l.expiresAt > now);
    const held = new Set(mine.filter((l) => exists.has(l.nodeId)).map((l) => l.nodeId));
    // Leases of deleted nodes: ours, and lapsed ones of anyone (e.g. deleted while their holder was down).
    const gone = leases
      .filter((l) => !exists.has(l.nodeId) && (l.holder === this.instanceId || l.expiresAt <= now))
      .map((l) => l.nodeId);
    if (gone.length)
      await this.db.pollLease.deleteMany({
        where: { nodeId: { in: gone }, OR: [{ holder: this.instanceId }, { expiresAt: { lte: now } }] },
      });

    const share = Math.ceil(nodeIds.length / this.liveInstances);
    if (held.size > share) {
      const extra = [...held]
        .filter((id) => !busy.has(id))
        .sort()
        .slice(0, held.size - share);
      await this.release(extra);
      for (const id of extra) held.delete(id);
    }
    const taken: string[] = [];
    if (held.size < share) {
      const byNode = new Map(leases.map((l) => [l.nodeId, l]));
      const isFree = (id: string) => !held.has(id) && (byNode.get(id)?.expiresAt ?? now) <= now;
      // Random order: instances starting together then rarely race for the same node.
      const free = nodeIds.filter(isFree).sort(() => Math.random() - 0.5);
      for (const id of free) {
        if (held.size >= share) break;
        if (await this.take(id, byNode.has(id), now)) {
          held.add(id);
          taken.push(id);
        }
      }
    }
    this.held = held;
    return { held, taken };
  }

  /** Drops every lease and the instance row, so others take the nodes at once (clean stop). */
  async releaseAll(): Promise<void> {
    await this.db.pollLease.deleteMany({ where: { holder: this.instanceId } });
    await this.db.pollerInstance.deleteMany({ where: { id: this.instanceId } });
    this.held = new Set();
  }

  /** Heartbeat: one expiry for the instance row and all its leases, so they lapse together. */
  private async renew(now: Date): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    await this.db.pollerInstance.upsert({
      where: { id: this.instanceId },
      create: { id: this.instanceId, startedAt: now, expiresAt },
      update: { expiresAt },
    });
    await this.db.pollLease.updateMany({ where: { holder: this.instanceId }, data: { expiresAt } });
    // Rows of dead instances say nothing any more; a paused instance that wakes re-creates its own.
    await this.db.pollerInstance.deleteMany({ where: { expiresAt: { lt: now } } });
    this.expiresAt = expiresAt;
    this.renewAtMs = now.getTime() + this.leaseMs / 2;
  }

  /**
   * Takes a node's lease if it is free. Each path is one atomic statement: the UPDATE re-checks
   * its WHERE under the row lock, and of two INSERTs of the same node one fails on the key.
   */
  private async take(nodeId: string, rowExists: boolean, now: Date): Promise<boolean> {
    const data = { holder: this.instanceId, expiresAt: this.expiresAt };
    if (rowExists) {
      const { count } = await this.db.pollLease.updateMany({
        where: { nodeId, OR: [{ expiresAt: { lte: now } }, { holder: this.instanceId }] },
        data,
      });
      return count === 1;
    }
    try {
      await this.db.pollLease.create({ data: { nodeId, ...data } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  private async release(nodeIds: string[]): Promise<void> {
    if (nodeIds.length)
      await this.db.pollLease.deleteMany({ where: { holder: this.instanceId, nodeId: { in: nodeIds } } });
  }
}
