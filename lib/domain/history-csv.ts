// CSV of exactly what a history chart shows (pure): one row per bucket, one column per line.
import type { HistoryResponse } from "./api-types";

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A column's heading: the line's label with the unit, if the series has one ("… average (ms)"). */
export function columnLabel(label: string, unit?: string): string {
  return unit ? `${label} (${unit})` : label;
}

export function historyToCsv(h: Pick<HistoryResponse, "lines" | "points">, keys: string[] = h.lines.map((l) => l.key), unit?: string): string {
  const lines = h.lines.filter((l) => keys.includes(l.key));
  const header = ["time (UTC)", ...lines.map((l) => columnLabel(l.label, unit))].map(cell).join(",");
  const rows = h.points.map((p) => [new Date(p.t).toISOString(), ...lines.map((l) => (p[l.key] === null || p[l.key] === undefined ? "" : String(p[l.key])))].map(cell).join(","));
  return [header, ...rows].join("\n") + "\n";
}
