import "server-only";
import type { Env } from "@/lib/env";
import { nodeSourceKey } from "@/lib/domain/keys";
import type { NodeRole } from "@/lib/domain/types";
import type { Collector } from "@/lib/server/collectors/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { CaptureStore } from "@/lib/server/support/capture-store";
import { observeCycle } from "@/lib/server/metrics/process-metrics";
import { LeaseKeeper, newInstanceId, type LeaseState } from "./leases";
import { runNodeCycle, type SourceOutcome } from "./node-cycle";
import type { StoredNode } from "./node-endpoint";

type PolledNode = StoredNode & { role: NodeRole; deploymentId: string };

export interface PollerDeps {
  db: Db;
  box: SecretBox;
  env: Env;
  collectors: readonly Collector<unknown>[];
  now?: () => Date;
  /** Name in poll_lease.holder; default hostname:pid:random. */
  instanceId?: string;
}

export interface PollerState {
  running: boolean;
  lastTickAt: string | null;
  cyclesInFlight: number;
  lastError: string | null;
  lease: LeaseState;
}

/**
 * Lease length: the shortest source interval, so a dead instance's nodes are polled again
 * within about one interval after it stops renewing (two at most), but never under four ticks,
 * so that renewing at half-life is never late.
 */
function leaseMsFor(env: Env, collectors: readonly Collector<unknown>[]): number {
  const shortest = Math.min(...collectors.map((c) => c.intervalMs(env)));
  return Math.max(Number.isFinite(shortest) ? shortest : 60_000, 4 * env.EDGESCOPE_TICK_MS);
}

/**
 * Runs every source of every node on its interval. A node never has two cycles at once: a
 * tick skips a node whose cycle is still running, and "poll now" waits for it to finish.
 * Scheduled cycles run only for nodes whose lease this instance holds (leases.ts), so several
 * instances on one database never poll a node twice in an interval.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<SourceOutcome[]>>();
  private readonly lastStart = new Map<string, number>(); // nodeSourceKey → ms
  private lastTickAt: Date | null = null;
  private lastError: string | null = null;
  private stopping = false;
  private ticking: Promise<void> | undefined;
  private readonly now: () => Date;
  private readonly leases: LeaseKeeper;
  /** Each node's last raw answers per source, for the support bundle (in memory: see capture-store.ts) */
  readonly captures = new CaptureStore();

  constructor(private readonly deps: PollerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.leases = new LeaseKeeper(
      deps.db,
      deps.instanceId ?? newInstanceId(),
      leaseMsFor(deps.env, deps.collectors),
      this.now,
    );
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.tick(), this.deps.env.EDGESCOPE_TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /**
   * Stops scheduling, waits for cycles in flight so their writes complete, then hands the
   * leases back so another instance takes the nodes at once instead of after they expire.
   */
  async stop(): Promise<void> {
    const wasRunning = !!this.timer;
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await Promise.allSettled(this.inFlight.values());
    if (wasRunning)
      await this.leases
        .releaseAll()
        .catch((err: Error) => (this.lastError = `releasing leases failed: ${err.message}`));
  }

  state(): PollerState {
    return {
      running: !!this.timer,
      lastTickAt: this.lastTickAt?.toISOString() ?? null,
      cyclesInFlight: this.inFlight.size,
      lastError: this.lastError,
      lease: this.leases.state(),
    };
  }

  /** One scheduling pass (never two at once): start a cycle for every held, idle node with a source due. */
  tick(): Promise<void> {
    if (this.stopping || this.ticking) return this.ticking ?? Promise.resolve();
    this.ticking = this.schedule().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async schedule(): Promise<void> {
    this.lastTickAt = this.now();
    try {
      const nodes = (await this.loadNodes()).filter((n) => this.sourcesFor(n).length > 0);
      this.captures.retain(new Set(nodes.map((n) => n.id)));
      const { held, taken } = await this.leases.sync(
        nodes.map((n) => n.id),
        new Set(this.inFlight.keys()),
      );
      await Promise.all(nodes.filter((n) => taken.includes(n.id)).map((n) => this.loadLastStarts(n)));
      if (this.stopping) return;
      const nowMs = this.now().getTime();
      for (const node of nodes) {
        if (!held.has(node.id) || this.inFlight.has(node.id)) continue;
        const due = this.sourcesFor(node).filter(
          (c) => nowMs - (this.lastStart.get(nodeSourceKey(node.id, c.id)) ?? -Infinity) >= c.intervalMs(this.deps.env),
        );
        if (due.length) void this.runCycle(node, due).catch(() => undefined);
      }
      this.lastError = null;
    } catch (err) {
      // The database may be busy or briefly unavailable: report it and try again next tick.
      this.lastError = (err as Error).message;
    }
  }

  /** Polls every source of the given nodes now (after any cycle in flight) and returns the outcomes. */
  async pollNow(nodeIds: string[]): Promise<Map<string, SourceOutcome[]>> {
    const nodes = (await this.loadNodes()).filter((n) => nodeIds.includes(n.id));
    const entries = await Promise.all(
      nodes.map(async (node) => {
        await this.inFlight.get(node.id)?.catch(() => undefined);
        return [node.id, await this.runCycle(node, this.sourcesFor(node))] as const;
      }),
    );
    return new Map(entries);
  }

  /**
   * A node just taken over keeps its schedule: its last starts come from the PollRun rows of
   * whoever polled it before, so the takeover never polls it early.
   */
  private async loadLastStarts(node: PolledNode): Promise<void> {
    for (const c of this.sourcesFor(node)) {
      const last = await this.deps.db.pollRun.findFirst({
        where: { nodeId: node.id, source: c.id },
        orderBy: { startedAt: "desc" },
        select: { startedAt: true },
      });
      const key = nodeSourceKey(node.id, c.id);
      if (last) this.lastStart.set(key, Math.max(this.lastStart.get(key) ?? -Infinity, last.startedAt.getTime()));
    }
  }

  private sourcesFor(node: PolledNode): Collector<unknown>[] {
    return this.deps.collectors.filter((c) => c.roles.includes(node.role));
  }

  private runCycle(node: PolledNode, sources: Collector<unknown>[]): Promise<SourceOutcome[]> {
    const startMs = this.now().getTime();
    for (const c of sources) this.lastStart.set(nodeSourceKey(node.id, c.id), startMs);
    const deps = {
      db: this.deps.db,
      box: this.deps.box,
      responseTimeoutMs: this.deps.env.EDGESCOPE_HTTP_TIMEOUT_MS,
      now: this.now,
      captures: this.captures,
    };
    const cycle = runNodeCycle(deps, node, sources).finally(() => this.inFlight.delete(node.id));
    this.inFlight.set(node.id, cycle);
    cycle.catch((err: Error) => (this.lastError = `cycle of node ${node.id} failed: ${err.message}`));
    cycle.then(
      (outcomes) => observeCycle(node.id, outcomes, this.now().getTime() - startMs),
      () => undefined,
    );
    return cycle;
  }

  private loadNodes(): Promise<PolledNode[]> {
    return this.deps.db.node.findMany({
      select: {
        id: true,
        deploymentId: true,
        role: true,
        baseUrl: true,
        username: true,
        passwordEnc: true,
        caPem: true,
        tlsInsecure: true,
      },
    });
  }
}
