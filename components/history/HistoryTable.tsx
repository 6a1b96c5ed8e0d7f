import type { HistoryResponse } from "@/lib/domain/api-types";
import { formatCount } from "@/lib/domain/charts";

/** The same numbers as the chart, as a table (newest first). */
export function HistoryTable({ history, keys }: { history: HistoryResponse; keys: string[] }) {
  const lines = history.lines.filter((l) => keys.includes(l.key));
  const rows = history.points.filter((p) => lines.some((l) => p[l.key] !== null)).reverse();
  return (
    <div className="max-h-[480px] overflow-auto">
      <table className="w-full text-right text-sm tabular-nums" data-testid="history-table">
        <thead className="sticky top-0 bg-white text-slate-500 dark:bg-slate-900">
          <tr><th className="py-2 text-left">Time</th>{lines.map((l) => <th key={l.key} className="px-2">{l.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.t} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 text-left">{new Date(p.t).toLocaleString()}</td>
              {lines.map((l) => <td key={l.key} className="px-2">{formatCount(p[l.key])}</td>)}
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={lines.length + 1} className="py-6 text-center text-slate-500">No data in this range.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
