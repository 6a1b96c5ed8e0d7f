import "server-only";
import type { Env } from "@/lib/env";
import type { NodeRole } from "@/lib/domain/types";
import type { Collector } from "@/lib/server/collectors/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { runNodeCycle, type SourceOutcome } from "./node-cycle";
import type { StoredNode } from "./node-endpoint";

type PolledNode = StoredNode & { role: NodeRole; deploymentId: string };

export interface PollerDeps {
  db: Db;
  box: SecretBox;
  env: Env;
  collectors: readonly Collector<unknown>[];
  now?: () => Date;
}

export interface PollerState {
  running: boolean;
  lastTickAt: string | null;
  cyclesInFlight: number;
  lastError: string | null;
}

/**
 * Runs every source of every node on its interval. A node never has two cycles at once: a
 * tick skips a node whose cycle is still running, and "poll now" waits for it to finish.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<SourceOutcome[]>>();
  private readonly lastStart = new Map<string, number>(); // `${nodeId} ${source}` → ms
  private lastTickAt: Date | null = null;
  private lastError: string | null = null;
  private stopping = false;
  private readonly now: () => Date;

  constructor(private readonly deps: PollerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.tick(), this.deps.env.EDGESCOPE_TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Stops scheduling and waits for cycles in flight, so their writes complete. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled(this.inFlight.values());
  }

  state(): PollerState {
    return { running: !!this.timer, lastTickAt: this.lastTickAt?.toISOString() ?? null, cyclesInFlight: this.inFlight.size, lastError: this.lastError };
  }

  /** One scheduling pass: start a cycle for every idle node that has a source due. */
  async tick(): Promise<void> {
    if (this.stopping) return;
    this.lastTickAt = this.now();
    try {
      const nodes = await this.loadNodes();
      const nowMs = this.now().getTime();
      for (const node of nodes) {
        if (this.inFlight.has(node.id)) continue;
        const due = this.sourcesFor(node).filter((c) => nowMs - (this.lastStart.get(`${node.id} ${c.id}`) ?? -Infinity) >= c.intervalMs(this.deps.env));
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

  private sourcesFor(node: PolledNode): Collector<unknown>[] {
    return this.deps.collectors.filter((c) => c.roles.includes(node.role));
  }

  private runCycle(node: PolledNode, sources: Collector<unknown>[]): Promise<SourceOutcome[]> {
    const startMs = this.now().getTime();
    for (const c of sources) this.lastStart.set(`${node.id} ${c.id}`, startMs);
    const deps = { db: this.deps.db, box: this.deps.box, responseTimeoutMs: this.deps.env.EDGESCOPE_HTTP_TIMEOUT_MS, now: this.now };
    const cycle = runNodeCycle(deps, node, sources).finally(() => this.inFlight.delete(node.id));
    this.inFlight.set(node.id, cycle);
    cycle.catch((err: Error) => (this.lastError = `cycle of node ${node.id} failed: ${err.message}`));
    return cycle;
  }

  private loadNodes(): Promise<PolledNode[]> {
    return this.deps.db.node.findMany({
      select: { id: true, deploymentId: true, role: true, baseUrl: true, username: true, passwordEnc: true, caPem: true, tlsInsecure: true },
    });
  }
}
