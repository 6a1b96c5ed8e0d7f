import type { Aliases } from "./wire";
import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway-C Unified Communications SSH tunnels (V3, R2): one entry per (target Expressway-E,
// domain). Wire format: below.
export const id = "expressway-c.tunnels";
export type Id = typeof id;

export interface Tunnel {
  target: string;
  domain: string | null;
  status: string;
}
export interface Content {
  tunnels: Tunnel[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

// ---- Wire format (what the device answers; the lab serves the same) ----
// Expressway-C Unified Communications SSH tunnels (V3): one entry per (target Expressway-E,
// domain). The container /Status/CollaborationEdge/Tunnels is [C] (empty in the public sample).
// [I] INFERRED, correct me with a real payload: the entry element and its children below.
//   <Tunnels item="1">
//     <Tunnel item="1"><Target item="1">vcs-e1.example.local</Target>
//       <Domain item="1">webbridge.example.com</Domain><Status item="1">Active</Status></Tunnel>
//   </Tunnels>
// The parser accepts any entry element name and, per field, the names in TUNNEL_ALIASES (our
// reading first; the others are what CUIL calls the same idea elsewhere: Zones' Peer/Address,
// Warnings' State), and records which it matched. It needs a target and a status.
export const TUNNELS = {
  location: "/Status/CollaborationEdge/Tunnels",
  entry: "Tunnel",
  target: "Target",
  domain: "Domain",
  status: "Status",
} as const;

/** [I] Status values; V3 wants Active. */
export const TUNNEL_ACTIVE = "Active";
export const TUNNEL_INACTIVE = "Inactive";

export const TUNNEL_ALIASES = {
  target: [TUNNELS.target, "Peer", "Address", "Host", "Hostname", "Server"],
  domain: [TUNNELS.domain, "DomainName", "Name"],
  status: [TUNNELS.status, "State"],
} as const satisfies Aliases;
