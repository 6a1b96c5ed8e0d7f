import type { PartNote } from "./source-parts";

// What some collectors' latest() return, as the browser reads SourceStatus.latest (no I/O here).
// Duplicated from lib/server/collectors (server-only); tests/unit/web-proxy-panels.test.ts
// asserts at compile time that the server shapes still fit these.

/** A configuration snapshot: its content, first seen when it last changed, last seen at the last poll. */
export interface SnapshotLatest<T> {
  since: string;
  lastSeenAt: string;
  content: T;
}

/** expressway-c.tunnels (V3, R2): one entry per (target Expressway-E, domain). */
export interface TunnelEntry {
  target: string;
  domain: string | null;
  status: string;
}
export type TunnelsLatest = SnapshotLatest<{ tunnels: TunnelEntry[] }>;

/** expressway-c.allowlist-auto (V2): methods upper-case and sorted, protocol lower-case. */
export interface AllowListRule {
  description: string | null;
  protocol: string;
  port: number;
  matchType: string | null;
  path: string;
  methods: string[];
}
export type AllowListLatest = SnapshotLatest<{ rules: AllowListRule[] }>;

/** cms.turn-servers (C5, V4): the configuration snapshot plus the RTT/allocations of the last poll. */
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
  reachable?: boolean | null;
}
export type TurnServersLatest = SnapshotLatest<{ turnServers: TurnServerConfig[]; parts?: PartNote[] }> & {
  status: { at: string; hosts: TurnHostSample[] } | null;
};
