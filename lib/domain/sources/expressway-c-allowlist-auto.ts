import type { Aliases } from "./wire";
import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway-C HTTP allow list, automatically added inbound rules (V2). Wire format: below.
export const id = "expressway-c.allowlist-auto";
export type Id = typeof id;

/** One rule: methods upper-case and sorted, protocol lower-case. */
export interface AllowListRule {
  description: string | null;
  protocol: string;
  port: number;
  matchType: string | null;
  path: string;
  methods: string[];
}
export interface Content {
  rules: AllowListRule[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

// ---- Wire format (what the device answers; the lab serves the same) ----
// Expressway-C HTTP allow list, automatically added inbound rules (V2). The container
// /Status/CollaborationEdge/HTTPAllowListAuto is [C] (empty in the public sample); the columns
// come from the web UI table in TAC 210800 ("Meeting Server web bridges | https | 443 | Prefix |
// / | GET, POST, PUT, HEAD, DELETE") [C].
// [I] INFERRED, correct me with a real payload: the element names below.
//   <HTTPAllowListAuto item="1">
//     <Rule item="1"><Description item="1">Meeting Server web bridges</Description>
//       <Protocol item="1">https</Protocol><Port item="1">443</Port><MatchType item="1">Prefix</MatchType>
//       <Path item="1">/</Path><Methods item="1"><Method item="1">GET</Method>…</Methods></Rule>
//   </HTTPAllowListAuto>
// Methods as Method[n] children mirrors the confirmed HTTPAllowListManual/DefaultMethods/Method[n];
// a comma-separated Methods text is accepted too. Any entry element name is accepted, and per
// field the names in ALLOWLIST_ALIASES (the web UI's column words first); the parser records
// which it matched.
export const ALLOWLIST_AUTO = {
  location: "/Status/CollaborationEdge/HTTPAllowListAuto",
  entry: "Rule",
  description: "Description",
  protocol: "Protocol",
  port: "Port",
  matchType: "MatchType",
  path: "Path",
  methods: "Methods",
  method: "Method",
} as const;

/** The rule description Expressway gives the Web Bridge rules (TAC 210800) [C]. */
export const WEB_BRIDGE_RULE_DESCRIPTION = "Meeting Server web bridges";

export const ALLOWLIST_ALIASES = {
  description: [ALLOWLIST_AUTO.description, "Name"],
  protocol: [ALLOWLIST_AUTO.protocol, "Scheme"],
  port: [ALLOWLIST_AUTO.port, "PortNumber"],
  matchType: [ALLOWLIST_AUTO.matchType, "Match", "Type"],
  path: [ALLOWLIST_AUTO.path, "Prefix", "URL", "Url"],
  methods: [ALLOWLIST_AUTO.methods, "HTTPMethods", "AllowedMethods"],
} as const satisfies Aliases;
