import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// CMS webBridges [C] (R3) with their status where the endpoint exists (2.2+). Wire format:
// below; what each status word means: lib/domain/cms-alarms.ts.
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

// ---- Wire format (what the device answers; the lab serves the same) ----
// CMS webBridges. List and detail paths with `url` and `resourceArchive` are [C] (CMS API
// reference 2.0 §10.8). webBridges/<id>/status [C] (ciscocms/apiary, "from version 2.2"): an
// element `status`, one of unused | success | connectionFailure | dnsFailure. The root element
// is [I], so the parser looks for a `status` element anywhere and keeps every other leaf too;
// a 404 means this CMS has no status endpoint (before 2.2): not available on this version.
//   <webBridge id="…"><status>success</status></webBridge>
export const WEB_BRIDGE = { url: "url", resourceArchive: "resourceArchive" } as const;
export const WEB_BRIDGE_STATUS = { status: "status" } as const;

export const webBridgePath = (id: string) => `/api/v1/webBridges/${encodeURIComponent(id)}`;
export const webBridgeStatusPath = (id: string) => `${webBridgePath(id)}/status`;
