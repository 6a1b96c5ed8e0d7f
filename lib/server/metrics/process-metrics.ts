import "server-only";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { SourceOutcome } from "@/lib/server/poller/node-cycle";

// Metrics this process counts as it works (the poller's polls and cycles), kept for the life of
// the process. Each instance counts its own work: Prometheus scrapes every instance.

/** Poll durations: the HTTP timeout defaults to 10 s, a healthy node answers in tens of ms. */
const POLL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A node cycle is its slowest source plus the shared write. */
const CYCLE_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface ProcessMetrics {
  registry: Registry;
  polls: Counter<"node" | "source" | "outcome">;
  pollSeconds: Histogram<"source">;
  cycleSeconds: Histogram;
}

function create(): ProcessMetrics {
  const registry = new Registry();
  // process_* and nodejs_* (CPU, memory, event loop lag): the usual view of a Node process.
  collectDefaultMetrics({ register: registry });
  // These three are gauges named like counters; promtool's lint refuses them (prom-client #553).
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"])
    registry.removeSingleMetric(name);
  return {
    registry,
    polls: new Counter({
      name: "edgescope_polls_total",
      help: "Polls this process ran, by node id, source (collector id) and outcome (ok, timeout, unreachable, auth, tls, http, parse).",
      labelNames: ["node", "source", "outcome"],
      registers: [registry],
    }),
    pollSeconds: new Histogram({
      name: "edgescope_poll_duration_seconds",
      help: "Time one source of one node took to answer (or fail), by source.",
      labelNames: ["source"],
      buckets: POLL_BUCKETS,
      registers: [registry],
    }),
    cycleSeconds: new Histogram({
      name: "edgescope_poller_cycle_duration_seconds",
      help: "Time of one node cycle: its due sources polled in parallel and written in one transaction.",
      buckets: CYCLE_BUCKETS,
      registers: [registry],
    }),
  };
}

// One set per process, however many module copies the Next bundles load.
const holder = globalThis as unknown as { edgescopeProcessMetrics?: ProcessMetrics };
export function processMetrics(): ProcessMetrics {
  holder.edgescopeProcessMetrics ??= create();
  return holder.edgescopeProcessMetrics;
}

/** Called by the poller when a node cycle has been written. */
export function observeCycle(nodeId: string, outcomes: readonly SourceOutcome[], cycleMs: number): void {
  const m = processMetrics();
  for (const o of outcomes) {
    m.polls.inc({ node: nodeId, source: o.source, outcome: o.outcome });
    m.pollSeconds.observe({ source: o.source }, Math.max(0, o.finishedAt.getTime() - o.startedAt.getTime()) / 1000);
  }
  m.cycleSeconds.observe(Math.max(0, cycleMs) / 1000);
}
