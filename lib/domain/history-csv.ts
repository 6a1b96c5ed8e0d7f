// CSV of exactly what a history chart shows (pure): one row per bucket, one column per line.
import type { HistoryResponse } from "./api-types";

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A column's heading: the line's label with the unit, if the series has one ("… average (ms)"). */
export function columnLabel(label: string, unit?: string): string {
  return unit ? `${label} (${unit})` : label;
}

/** The sum of a row's values (the stacked chart's top edge); null when every value is missing. */
export function rowTotal(p: Record<string, number | null | undefined>, keys: readonly string[]): number | null {
  const values = keys.map((k) => p[k]).filter((v): v is number => typeof v === "number");
  return values.length ? Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10 : null;
}

/**
 * `total`: heading of a last column holding each row's sum of the shown lines, as the stacked
 * chart draws it (a spreadsheet should not have to add the columns up again).
 */
export function historyToCsv(
  h: Pick<HistoryResponse, "lines" | "points">,
  keys: string[] = h.lines.map((l) => l.key),
  unit?: string,
  total?: string,
): string {
  const lines = h.lines.filter((l) => keys.includes(l.key));
  const shown = lines.map((l) => l.key);
  const header = [
    "time (UTC)",
    ...lines.map((l) => columnLabel(l.label, unit)),
    ...(total ? [columnLabel(total, unit)] : []),
  ]
    .map(cell)
    .join(",");
  const rows = h.points.map((p) => {
    const values = lines.map((l) => (p[l.key] === null || p[l.key] === undefined ? "" : String(p[l.key])));
    const sum = total ? [rowTotal(p, shown)] : [];
    return [new Date(p.t).toISOString(), ...values, ...sum.map((v) => (v === null ? "" : String(v)))]
      .map(cell)
      .join(",");
  });
  return [header, ...rows].join("\n") + "\n";
}
