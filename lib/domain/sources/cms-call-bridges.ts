import { CMS_API } from "./cms-api";
import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS callBridges [C] (R3): the Call Bridges of a cluster with their API address; each detail is a
// part of its own. Wire format: below.
export const id = "cms.call-bridges";
export type Id = typeof id;

export interface CallBridge {
  id: string;
  name: string | null;
  address: string | null;
  sipDomain: string | null;
}
export interface Content {
  callBridges: CallBridge[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

// ---- Wire format (what the device answers; the lab serves the same) ----
/** callBridges/<id> children [C] (TAC 212298). */
export const CALL_BRIDGE = { name: "name", address: "address", sipDomain: "sipDomain" } as const;

export const callBridgePath = (id: string) => `${CMS_API.callBridges}/${encodeURIComponent(id)}`;
