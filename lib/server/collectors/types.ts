import "server-only";
import type { AreaId } from "@/lib/domain/areas";
import type { PartNote } from "@/lib/domain/source-parts";
import type { SourceId, SourceLatest } from "@/lib/domain/sources";
import type { Env } from "@/lib/env";
import type { NodeRole } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import type { RollupPoint } from "@/lib/server/rollups/apply-rollups";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import type { Result } from "@/lib/server/transport/failure";

export type Tx = Prisma.TransactionClient;

export interface CollectContext {
  endpoint: NodeEndpoint;
}

/**
 * One data source on one kind of node: fetch → parse (zod-validated) → typed value or typed
 * failure, then how that value is stored and read back. Listed once in ./index.ts.
 */
export interface Collector<T, K extends SourceId = SourceId> {
  /** Stable id, also the PollRun.source column, e.g. "expressway-e.turn-relays"; its module in lib/domain/sources declares latestMany()'s value type. */
  id: K;
  title: string;
  /** Where the NOC board shows this source's health. */
  area: AreaId;
  /** Node roles this source exists on. */
  roles: readonly NodeRole[];
  /** Domain brief items this source gives evidence for. */
  domainIds: readonly string[];
  /** Poll period for this source. */
  intervalMs(env: Env): number;
  /** Fetches and parses; never throws for anything the node does. */
  collect(ctx: CollectContext): Promise<Result<T>>;
  /**
   * What one successful result adds to the database. The poller writes the rows of many node
   * cycles together, in a few statements per commit group (poller/cycle-writer.ts), so a
   * collector declares rows rather than running queries.
   */
  rows(nodeId: string, at: Date, value: T): StoredRows;
  /** Numbers of one result that charts read over long ranges; the cycle folds them into rollups. */
  rollups?(value: T): RollupPoint[];
  /**
   * The latest stored value of each node for status views, in a few statements whatever the number
   * of nodes (the board reads every node at once; one node is a batch of one): nodeId → value, a
   * node with nothing stored yet left out.
   */
  latestMany(db: Db, nodeIds: readonly string[]): Promise<Map<string, SourceLatest<K>>>;
}

/** Sample rows by table: each table gets one INSERT per commit group. */
export interface SampleRows {
  turnRelaySample?: Prisma.TurnRelaySampleCreateManyInput[];
  turnPortSample?: Prisma.TurnPortSampleCreateManyInput[];
  turnServerSample?: Prisma.TurnServerSampleCreateManyInput[];
  systemSample?: Prisma.SystemSampleCreateManyInput[];
}

export interface StoredRows {
  /** Content kept as this source's snapshot (snapshot-store.ts): a new row only when it changed. */
  snapshot?: unknown;
  samples?: SampleRows;
}

/**
 * What a collected value may carry besides its data: the parts it could not read (stored with the
 * value, and said in the poll run's message), and which naming each parser matched (support
 * bundle only, never stored: e.g. { rtt: "roundTripTimeMs" }).
 */
export interface Traced {
  parts?: PartNote[];
  matched?: Record<string, string>;
}

/** A value without its `matched` trace (what a snapshot keeps); `parts` only when some are missing. */
export function storedValue<T extends Traced>(value: T): Omit<T, "matched"> {
  const { matched: _, parts, ...rest } = value;
  return (parts?.length ? { ...rest, parts } : rest) as Omit<T, "matched">;
}

/**
 * Identity helper that keeps T and the id's type at the definition site: both are required, so a
 * latestMany() that drifts from the source's declared Latest type is a type error here.
 */
export const defineCollector = <T, K extends SourceId>(c: Collector<T, K>): Collector<T, K> => c;
