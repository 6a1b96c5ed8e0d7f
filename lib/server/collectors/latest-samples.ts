import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { dialectOf } from "@/lib/server/db/dialect";
import { dateOf, inChunks, keysTable, newestPerKey } from "@/lib/server/db/keyed-reads";

// The newest sample rows of many nodes, one statement per table whatever the number of nodes
// (collectors' latestMany), in the shape Prisma gives the rows, so a collector maps them to its
// value with one function.

type Ms = bigint | number;
const num = (v: bigint | number | null): number | null => (v === null ? null : Number(v));
const keysOf = (nodeIds: readonly string[]) => nodeIds.map((id) => [id]);

/** Newest system_sample per node (index (node_id, ts)). */
export async function latestSystemSamples(
  db: Db,
  nodeIds: readonly string[],
): Promise<Map<string, { uptimeSeconds: number | null; callLegsActive: number | null }>> {
  const rows = await newestPerKey<{ node_id: string; uptime_seconds: Ms | null; call_legs_active: Ms | null }>(db, {
    table: "system_sample",
    keyColumns: ["node_id"],
    keys: keysOf(nodeIds),
    newest: "ts",
    select: Prisma.sql`t."node_id", t."uptime_seconds", t."call_legs_active"`,
  });
  return new Map(
    rows.map((r) => [r.node_id, { uptimeSeconds: num(r.uptime_seconds), callLegsActive: num(r.call_legs_active) }]),
  );
}

export interface RelaySampleRow {
  ts: Date;
  current: number;
  peak: number;
  total: number;
  serverStatus: string | null;
}
export interface RelayPortRow {
  port: number;
  count: number;
  udp: number | null;
  tcp: number | null;
}

/** Newest turn_relay_sample per node, with the turn_port_sample rows of the same poll (port order). */
export async function latestRelaySamples(
  db: Db,
  nodeIds: readonly string[],
): Promise<Map<string, { sample: RelaySampleRow; ports: RelayPortRow[] }>> {
  const d = dialectOf(db);
  const [samples, ports] = await Promise.all([
    newestPerKey<{ node_id: string; ts_ms: Ms; current: Ms; peak: Ms; total: Ms; server_status: string | null }>(db, {
      table: "turn_relay_sample",
      keyColumns: ["node_id"],
      keys: keysOf(nodeIds),
      newest: "ts",
      select: Prisma.sql`t."node_id", ${d.epochMs('t."ts"')} AS ts_ms, t."current", t."peak", t."total", t."server_status"`,
    }),
    inChunks(keysOf(nodeIds), (chunk) =>
      db.$queryRaw<{ node_id: string; port: Ms; count: Ms; udp: Ms | null; tcp: Ms | null }[]>(Prisma.sql`
        SELECT t."node_id", t."port", t."count", t."udp", t."tcp" FROM ${keysTable(chunk)}
          JOIN "turn_port_sample" t ON t."node_id" = k.column1
           AND t."ts" = (SELECT i."ts" FROM "turn_relay_sample" i WHERE i."node_id" = k.column1 ORDER BY i."ts" DESC LIMIT 1)
         ORDER BY t."node_id", t."port"`),
    ),
  ]);
  const portsOf = groupBy(
    ports,
    (p) => p.node_id,
    (p) => ({ port: Number(p.port), count: Number(p.count), udp: num(p.udp), tcp: num(p.tcp) }),
  );
  return new Map(
    samples.map((s) => [
      s.node_id,
      {
        sample: {
          ts: dateOf(s.ts_ms),
          current: Number(s.current),
          peak: Number(s.peak),
          total: Number(s.total),
          serverStatus: s.server_status,
        },
        ports: portsOf.get(s.node_id) ?? [],
      },
    ]),
  );
}

export interface TurnServerSampleRow {
  turnServerId: string;
  hostAddress: string;
  rttMs: number | null;
  allocations: number | null;
}

/** The turn_server_sample rows of each node's newest poll (id order), with that poll's time. */
export async function latestTurnServerSamples(
  db: Db,
  nodeIds: readonly string[],
): Promise<Map<string, { ts: Date; hosts: TurnServerSampleRow[] }>> {
  const d = dialectOf(db);
  const rows = await inChunks(keysOf(nodeIds), (chunk) =>
    db.$queryRaw<
      {
        node_id: string;
        ts_ms: Ms;
        turn_server_id: string;
        host_address: string;
        rtt_ms: number | null;
        allocations: Ms | null;
      }[]
    >(Prisma.sql`
      SELECT t."node_id", ${d.epochMs('t."ts"')} AS ts_ms, t."turn_server_id", t."host_address", t."rtt_ms", t."allocations" FROM ${keysTable(chunk)}
        JOIN "turn_server_sample" t ON t."node_id" = k.column1
         AND t."ts" = (SELECT i."ts" FROM "turn_server_sample" i WHERE i."node_id" = k.column1 ORDER BY i."ts" DESC LIMIT 1)
       ORDER BY t."id"`),
  );
  const out = new Map<string, { ts: Date; hosts: TurnServerSampleRow[] }>();
  for (const r of rows) {
    const entry = out.get(r.node_id) ?? { ts: dateOf(r.ts_ms), hosts: [] };
    entry.hosts.push({
      turnServerId: r.turn_server_id,
      hostAddress: r.host_address,
      rttMs: num(r.rtt_ms),
      allocations: num(r.allocations),
    });
    out.set(r.node_id, entry);
  }
  return out;
}

function groupBy<R, V>(rows: readonly R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(value(r));
    else out.set(key(r), [value(r)]);
  }
  return out;
}
