import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS callBridges [C] (R3): the Call Bridges of a cluster with their API address; each detail is a
// part of its own. Wire format: lib/server/formats/cms-api.ts (CALL_BRIDGE).
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
