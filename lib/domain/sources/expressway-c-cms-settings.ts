import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway-C "Cisco Meeting Server" page: web proxy on, Guest account client URI = Join URL (C1),
// and the Web Bridge name → address table it resolved (V1). Two parts, each kept or marked missing
// on its own. Wire format: lib/server/formats/expressway-c-cms.ts.
export const id = "expressway-c.cms-settings";
export type Id = typeof id;

export interface ResolvedWebBridge {
  name: string;
  address: string;
}
export interface Content {
  /** null when the settings part could not be read (see parts) */
  webProxyEnabled: boolean | null;
  guestAccountClientUri: string | null;
  /** null when the resolved table could not be read (see parts) */
  resolved: ResolvedWebBridge[] | null;
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;
