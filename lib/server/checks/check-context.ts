import "server-only";
import { latestAs, type SourceId, type SourceLatest } from "@/lib/domain/sources";
import type { CheckContext, CheckDeployment, CheckNode, ProbeReading, SourceReading } from "./types";

// Pure assembly of a CheckContext from plain data: context.ts fills it from the database and the
// probe runner, unit tests fill it by hand.

export interface ContextData {
  now: number;
  deployment: CheckDeployment;
  nodes: CheckNode[];
  /** Keyed by readingKey(nodeId, source); absent = never polled. */
  readings: Record<string, Omit<SourceReading, "node" | "source">>;
  probes: Record<string, Omit<ProbeReading, "key">>;
}

export const readingKey = (nodeId: string, source: string) => `${nodeId} ${source}`;

/** Probe keys, one per question a check asks. */
export const PROBE_KEYS = {
  outsideJoin: "dns-outside-join",
  insideJoin: "dns-inside-join",
  insideXmpp: "dns-inside-xmpp",
  tls: (nodeId: string) => `tls:${nodeId}`,
  udp: (nodeId: string) => `udp:${nodeId}`,
  tcp: (nodeId: string) => `tcp:${nodeId}`,
  turn: (nodeId: string) => `turn:${nodeId}`,
  /** Certificate audit of a node's management address, and of Expressway-E's public 443 (Join URL). */
  certManagement: (nodeId: string) => `cert-management:${nodeId}`,
  certPublic: (nodeId: string) => `cert-public:${nodeId}`,
  /** An address the admin added to the node's audit (Web Bridge, Call Bridge…), by position. */
  certExtra: (nodeId: string, i: number) => `cert-extra:${nodeId}:${i}`,
} as const;

export function makeContext(data: ContextData): CheckContext {
  return {
    now: data.now,
    deployment: data.deployment,
    nodes: data.nodes,
    reading<K extends SourceId>(nodeId: string, source: K): SourceReading<SourceLatest<K>> {
      const node = data.nodes.find((n) => n.id === nodeId);
      if (!node) throw new Error(`no node ${nodeId} in this context`);
      const r = data.readings[readingKey(nodeId, source)] ?? { data: null, ageMs: null, stale: true, lastOutcome: null, lastMessage: null };
      return { node, source, ...r, data: latestAs(source, r.data) };
    },
    probe<R>(key: string): ProbeReading<R> {
      const p = data.probes[key];
      return { key, ...(p ?? { label: `probe ${key}`, result: null, ageMs: null, stale: true, missing: "not probed yet: run the probes (engineer: Run probes)" }) } as ProbeReading<R>;
    },
  };
}
