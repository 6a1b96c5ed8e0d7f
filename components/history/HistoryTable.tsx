import type { HistoryResponse } from "@/lib/domain/api-types";
import { formatCount } from "@/lib/domain/charts";
import { columnLabel } from "@/lib/domain/history-csv";
import { formatDateTime } from "@/lib/domain/time-format";

/** The same numbers as the chart, as a table (newest first); buckets with no value at all are left out. */
export function HistoryTable({
  history,
  keys,
  unit,
  time = (t) => formatDateTime(t),
}: {
  history: Pick<HistoryResponse, "lines" | "points">;
  keys: string[];
  unit?: string;
  time?: (t: number) => string;
}) {
  const lines = history.lines.filter((l) => keys.includes(l.key));
  const rows = history.points.filter((p) => lines.some((l) => p[l.key] !== null && p[l.key] !== undefined)).reverse();
  return (
    <div className="max-h-[30rem] overflow-auto">
      <table className="w-full text-right text-sm tabular-nums" data-testid="history-table">
        <thead className="sticky top-0 bg-white text-slate-500 dark:bg-slate-900">
          <tr>
            <th className="py-2 text-left">Time</th>
            {lines.map((l) => (
              <th key={l.key} className="px-2 font-medium">
                {columnLabel(l.label, unit)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.t} className="border-t border-slate-200 dark:border-slate-800">
              <td className="whitespace-nowrap py-1 text-left">{time(p.t)}</td>
              {lines.map((l) => (
                <td key={l.key} className="px-2">
                  {formatCount(p[l.key])}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={lines.length + 1} className="py-6 text-center text-slate-500">
                No data in this range.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
