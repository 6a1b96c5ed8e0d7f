import "server-only";

// Expressway alarms: /Status/Warnings/Warning[n]/{ID,Reason,State} [C] (real X8.11.3 status.xml;
// centreon alerts.pm polls getxml?location=/Status/Warnings). State is Unacknowledged | Acknowledged.
export const WARNINGS = {
  location: "/Status/Warnings",
  entry: "Warning",
  id: "ID",
  reason: "Reason",
  state: "State",
} as const;
