import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS turnServers (C5, V4): the configuration snapshot plus the RTT/allocations of the last poll
// (samples). Wire format: lib/server/formats/cms-turn-servers.ts.
export const id = "cms.turn-servers";
export type Id = typeof id;

export interface TurnServerConfig {
  id: string;
  serverAddress: string | null;
  clientAddress: string | null;
  username: string | null;
  type: string | null;
  tcpPortNumberOverride?: number | null;
  numRegistrations?: number | null;
  /** null when the status part could not be read (see parts) */
  hosts: { address: string; portNumber: number | null; reachable?: boolean | null; mappedAddress: string | null }[] | null;
}
export interface TurnHostSample {
  turnServerId: string;
  hostAddress: string;
  rttMs: number | null;
  allocations: number | null;
  /** CMS's `reachable` [C]: false = the Call Bridge cannot reach this TURN server now; null when not reported */
  reachable: boolean | null;
}
export interface Content {
  turnServers: TurnServerConfig[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content> & { status: { at: string; hosts: TurnHostSample[] } | null };
