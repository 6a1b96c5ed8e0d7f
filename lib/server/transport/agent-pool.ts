import "server-only";
import { Agent } from "undici";
import type { NodeEndpoint } from "./endpoint";

/** Idle keep-alive sockets are closed after this; polls come every 10 s, so one stays warm. */
const KEEP_ALIVE_MS = 30_000;
/** Connections per node: collectors of one node run concurrently but there are only a few. */
const CONNECTIONS_PER_NODE = 4;

const agents = new Map<string, { fingerprint: string; agent: Agent }>();

function fingerprintOf(e: NodeEndpoint): string {
  return JSON.stringify([e.baseUrl, e.caPem ?? "", e.tlsInsecure, e.connectTimeoutMs]);
}

/** One keep-alive pool per node, rebuilt when its TLS settings change. */
export function getAgent(endpoint: NodeEndpoint): Agent {
  const fingerprint = fingerprintOf(endpoint);
  const held = agents.get(endpoint.id);
  if (held?.fingerprint === fingerprint) return held.agent;
  void held?.agent.close().catch(() => undefined);
  const agent = new Agent({
    keepAliveTimeout: KEEP_ALIVE_MS,
    connections: CONNECTIONS_PER_NODE,
    connect: {
      timeout: endpoint.connectTimeoutMs,
      ca: endpoint.caPem ?? undefined,
      rejectUnauthorized: !endpoint.tlsInsecure,
    },
  });
  agents.set(endpoint.id, { fingerprint, agent });
  return agent;
}

export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.allSettled(all.map((a) => a.agent.close()));
}
