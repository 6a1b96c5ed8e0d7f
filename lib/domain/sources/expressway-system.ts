import type { SnapshotLatest } from "./snapshot";

// Expressway software version (R1) and uptime on C and E nodes. Wire format:
// lib/server/formats/expressway-system.ts. Identity is a snapshot, uptime a sample.
export const id = "expressway.system";
export type Id = typeof id;

export interface Identity {
  product: string | null;
  version: string;
  build: string | null;
  releaseDate: string | null;
  /** Where the version was read: /Status/SystemUnit, or the root attribute of /status.xml */
  versionFrom: "SystemUnit" | "root";
}
export type Latest = SnapshotLatest<Identity> & { uptimeSeconds: number | null };
