import "server-only";
import tls from "node:tls";
import { Agent } from "undici";
import type { NodeEndpoint } from "./endpoint";
import { Limiter } from "./limiter";

/** Idle keep-alive sockets are closed after this; polls come every 10 s, so one stays warm. */
const KEEP_ALIVE_MS = 30_000;
/**
 * Connections, and requests in flight, per node. A CMS cycle asks 4–5 lists, then one detail per
 * item (7 on the lab): with 4 slots the details queue into 3–4 round trips, with 8 they take 2,
 * which is what lets a 150 ms node finish within 3 × its latency (P1 at 40 nodes: 3.4× → 2.4×).
 * undici opens connections only as requests need them, and closes them after KEEP_ALIVE_MS idle.
 */
export const CONNECTIONS_PER_NODE = 8;

interface NodeConnection {
  /** The endpoint the agent was built for: a change of address or TLS settings rebuilds it. */
  built: NodeEndpoint;
  agent: Agent;
}

const agents = new Map<string, NodeConnection>();
const slots = new Map<string, Limiter>();
/** One TLS context per trusted CA (key "" = the system store), shared by every node and connection. */
const contexts = new Map<string, tls.SecureContext>();

/** Compared field by field: this runs for every request, and a CA PEM is kilobytes long. */
const sameConnection = (a: NodeEndpoint, b: NodeEndpoint) =>
  a.baseUrl === b.baseUrl &&
  a.caPem === b.caPem &&
  a.tlsInsecure === b.tlsInsecure &&
  a.connectTimeoutMs === b.connectTimeoutMs;

/**
 * Parsing a CA PEM into a context costs ~1 ms; undici builds one per connection when given
 * `ca`, which for 500 nodes × 4 connections was most of a cold cycle's TLS time (P1).
 */
function secureContextFor(caPem: string | null): tls.SecureContext {
  const key = caPem ?? "";
  let context = contexts.get(key);
  if (!context) contexts.set(key, (context = tls.createSecureContext(caPem ? { ca: caPem } : {})));
  return context;
}

/**
 * Node's host check (tls.checkServerIdentity), with its error handed on under another code.
 *
 * Why: on ERR_TLS_CERT_ALTNAME_INVALID, undici 7 takes a special path that fails only the
 * requests already handed to that connection and leaves the connection marked busy; requests
 * waiting in the pool for a free connection are then never sent nor failed, and no timer runs
 * for them, so their callers waited forever (the "hostname-mismatch" stall of issue #8). Any
 * other connect error fails every waiting request. The check and its words are Node's; only the
 * code differs, and classify-error.ts reads the original (the cause) as "tls".
 * tests/integration/transport.test.ts keeps this true.
 */
function checkServerIdentity(host: string, cert: tls.PeerCertificate): Error | undefined {
  const mismatch = tls.checkServerIdentity(host, cert);
  return (
    mismatch &&
    Object.assign(new Error(`TLS verification failed: ${mismatch.message}`), {
      code: "EDGESCOPE_TLS_HOSTNAME",
      cause: mismatch,
    })
  );
}

/** One keep-alive pool per node, rebuilt when its address or TLS settings change. */
export function getAgent(endpoint: NodeEndpoint): Agent {
  const held = agents.get(endpoint.id);
  if (held && sameConnection(held.built, endpoint)) return held.agent;
  void held?.agent.close().catch(() => undefined);
  const agent = new Agent({
    keepAliveTimeout: KEEP_ALIVE_MS,
    connections: CONNECTIONS_PER_NODE,
    connect: {
      timeout: endpoint.connectTimeoutMs,
      secureContext: secureContextFor(endpoint.caPem),
      rejectUnauthorized: !endpoint.tlsInsecure,
      checkServerIdentity,
    },
  });
  agents.set(endpoint.id, { built: { ...endpoint, password: "" }, agent });
  return agent;
}

/**
 * The node's request slots, one per connection: a request takes one before it reaches undici,
 * so requests wait here rather than inside undici's pool, and never hold a global slot
 * (http-client.ts) while they wait.
 */
export function nodeSlots(nodeId: string): Limiter {
  let limiter = slots.get(nodeId);
  if (!limiter) slots.set(nodeId, (limiter = new Limiter(CONNECTIONS_PER_NODE)));
  return limiter;
}

export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.allSettled(all.map((a) => a.agent.close()));
}
