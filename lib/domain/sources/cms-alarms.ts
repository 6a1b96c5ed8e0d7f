import type { CmsAlarmEntry } from "../cms-alarms";
import type { SnapshotLatest } from "./snapshot";

// CMS system/alarms [C]: active alarms with their type-specific parameters (R3, V4, R7); what each
// type means is in lib/domain/cms-alarms.ts. Wire format: below.
export const id = "cms.alarms";
export type Id = typeof id;

export interface Content {
  alarms: CmsAlarmEntry[];
}
export type Latest = SnapshotLatest<Content>;

// ---- Wire format (what the device answers; the lab serves the same) ----
/**
 * system/alarms item children [C]: type and activeTimeSeconds (centreon alarms.pm), optional
 * failureReason and type-specific parameters (ciscocms/apiary; see lib/domain/cms-alarms.ts).
 */
export const ALARM = { type: "type", activeTimeSeconds: "activeTimeSeconds", failureReason: "failureReason" } as const;
