import type { CmsAlarmEntry } from "../cms-alarms";
import type { SnapshotLatest } from "./snapshot";

// CMS system/alarms [C]: active alarms with their type-specific parameters (R3, V4, R7); what each
// type means is in lib/domain/cms-alarms.ts. Wire format: lib/server/formats/cms-api.ts (ALARM).
export const id = "cms.alarms";
export type Id = typeof id;

export interface Content {
  alarms: CmsAlarmEntry[];
}
export type Latest = SnapshotLatest<Content>;
