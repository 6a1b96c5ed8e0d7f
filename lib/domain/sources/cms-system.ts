import type { SnapshotLatest } from "./snapshot";

// CMS system/status [C]: software version (R1), whether the Call Bridge is activated (R3), uptime
// and active call legs. Wire format: below.
export const id = "cms.system";
export type Id = typeof id;

export interface Identity {
  softwareVersion: string;
  activated: boolean | null;
  clusterEnabled: boolean | null;
}
export type Latest = SnapshotLatest<Identity> & { uptimeSeconds: number | null; callLegsActive: number | null };

// ---- Wire format (what the device answers; the lab serves the same) ----
/** system/status children [C] (TAC 212298 trace; CMS API reference). */
export const SYSTEM_STATUS = {
  root: "status",
  softwareVersion: "softwareVersion",
  activated: "activated",
  uptimeSeconds: "uptimeSeconds",
  clusterEnabled: "clusterEnabled",
  callLegsActive: "callLegsActive",
} as const;
