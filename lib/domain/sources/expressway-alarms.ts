import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway alarms on Expressway-C and -E (/Status/Warnings [C]): they often name the cause of a
// V3/R4 failure. Wire format: below.
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

// ---- Wire format (what the device answers; the lab serves the same) ----
// Expressway alarms: /Status/Warnings/Warning[n]/{ID,Reason,State} [C] (real X8.11.3 status.xml;
// centreon alerts.pm polls getxml?location=/Status/Warnings). State is Unacknowledged | Acknowledged.
export const WARNINGS = {
  location: "/Status/Warnings",
  entry: "Warning",
  id: "ID",
  reason: "Reason",
  state: "State",
} as const;
