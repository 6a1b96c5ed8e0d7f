import type { SnapshotLatest } from "./snapshot";

// CMS system/status [C]: software version (R1), whether the Call Bridge is activated (R3), uptime
// and active call legs. Wire format: lib/server/formats/cms-api.ts (SYSTEM_STATUS).
export const id = "cms.system";
export type Id = typeof id;

export interface Identity {
  softwareVersion: string;
  activated: boolean | null;
  clusterEnabled: boolean | null;
}
export type Latest = SnapshotLatest<Identity> & { uptimeSeconds: number | null; callLegsActive: number | null };
