import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS turnServers (C5, V4): the configuration snapshot plus the RTT/allocations of the last poll
// (samples). Wire format: below.
export const id = "cms.turn-servers";
export type Id = typeof id;

/** username, type and tcpPortNumberOverride come from the detail: see missingDetail when it is missing. */
export interface TurnServerConfig {
  id: string;
  serverAddress: string | null;
  clientAddress: string | null;
  username: string | null;
  type: string | null;
  tcpPortNumberOverride?: number | null;
  numRegistrations?: number | null;
  /** null when the status part could not be read (see parts) */
  hosts:
    | { address: string; portNumber: number | null; reachable?: boolean | null; mappedAddress: string | null }[]
    | null;
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

// ---- Wire format (what the device answers; the lab serves the same) ----
// CMS turnServers (C5, V4). List, detail and status paths and the detail fields are [C] (CMS API
// reference 2.0 §10.7; TAC 210800/211301 — the detail never returns the password).
// Status [C] (Cisco's CMS API blueprint, ciscocms/apiary `apiary.apib`, the turnServer status
// table, unchanged since 2018): zero or more <host> children, each with address, portNumber,
// reachable (true|false), roundTripTimeMs (ms, only when reachable), mappedAddress,
// mappedPortNumber, numAllocations. The status root element is [I] (no captured body is public),
// so the parser only looks for <host> descendants:
//   <turnServer id="…"><host><address>10.0.0.36</address><portNumber>3478</portNumber>
//     <reachable>true</reachable><roundTripTimeMs>3</roundTripTimeMs><mappedAddress>10.0.0.20</mappedAddress>
//     <mappedPortNumber>50123</mappedPortNumber><numAllocations>2</numAllocations></host></turnServer>
export const TURN_SERVER = {
  serverAddress: "serverAddress",
  clientAddress: "clientAddress",
  username: "username",
  type: "type",
  tcpPortNumberOverride: "tcpPortNumberOverride",
  numRegistrations: "numRegistrations",
} as const;

export const TURN_STATUS = {
  host: "host",
  address: "address",
  portNumber: "portNumber",
  reachable: "reachable",
  roundTripTimeMs: "roundTripTimeMs",
  mappedAddress: "mappedAddress",
  mappedPortNumber: "mappedPortNumber",
  numAllocations: "numAllocations",
} as const;

/**
 * Round-trip time element names, Cisco's documented one first. `roundTripTime` is accepted too:
 * Edgescope read that name before the blueprint settled it, and a box that answers it is not wrong
 * enough to lose the reading. The parser records which one it matched.
 */
export const RTT_ELEMENTS = [TURN_STATUS.roundTripTimeMs, "roundTripTime"] as const;

export const turnServerPath = (id: string) => `/api/v1/turnServers/${encodeURIComponent(id)}`;
export const turnServerStatusPath = (id: string) => `${turnServerPath(id)}/status`;

/**
 * The detail part of this turnServer when CMS did not give it: its type, username and
 * tcpPortNumberOverride are then unknown (the list gives only the addresses), never "empty".
 */
export const missingDetail = (content: Pick<Content, "parts">, turnServerId: string): PartNote | undefined =>
  content.parts?.find((p) => p.location === turnServerPath(turnServerId));
