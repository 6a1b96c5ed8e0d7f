import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway alarms on Expressway-C and -E (/Status/Warnings [C]): they often name the cause of a
// V3/R4 failure. Wire format: lib/server/formats/expressway-warnings.ts.
export const id = "expressway.alarms";
export type Id = typeof id;

export interface ExpresswayAlarm {
  id: string;
  reason: string;
  state: string | null;
}
export interface Content {
  alarms: ExpresswayAlarm[];
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;
