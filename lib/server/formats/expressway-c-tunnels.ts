import "server-only";

// Expressway-C Unified Communications SSH tunnels (V3): one entry per (target Expressway-E,
// domain). The container /Status/CollaborationEdge/Tunnels is [C] (empty in the public sample).
// [I] INFERRED, correct me with a real payload: the entry element and its children below.
//   <Tunnels item="1">
//     <Tunnel item="1"><Target item="1">vcs-e1.example.local</Target>
//       <Domain item="1">webbridge.example.com</Domain><Status item="1">Active</Status></Tunnel>
//   </Tunnels>
// The parser accepts any entry element name; it needs Target and Status, Domain is optional.
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
