import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS webBridges [C] (R3) with their status where the endpoint exists (2.2+). Wire format:
// lib/server/formats/cms-web-bridges.ts; what each status word means: lib/domain/cms-alarms.ts.
export const id = "cms.web-bridges";
export type Id = typeof id;

export interface WebBridgeStatusReading {
  /** Cisco's status word, or null when the answer has no <status> element */
  status: string | null;
  /** Whether `status` is one of Cisco's documented words */
  documented: boolean;
  leaves: Record<string, string>;
}
export interface WebBridge {
  id: string;
  url: string | null;
  resourceArchive: string | null;
  status: WebBridgeStatusReading | null;
}
export interface Content {
  webBridges: WebBridge[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;
