import type { BoardTile } from "@/lib/domain/api-types";
import { boardCounts, formatCounts } from "@/lib/domain/board-view";
import type { Health } from "@/lib/domain/source-health";

// Readable on either theme's page background, and in the badges' colours so the line reads at a glance.
const TEXT: Record<Health, string> = {
  failing: "text-red-700 dark:text-red-400",
  stale: "text-amber-700 dark:text-amber-300",
  unknown: "text-slate-600 dark:text-slate-300",
  warn: "text-yellow-700 dark:text-yellow-200",
  ok: "text-emerald-700 dark:text-emerald-400",
};

/** "3 failing · 1 stale · 40 OK": the whole board at a glance, worst first. */
export function BoardCounts({ tiles }: { tiles: BoardTile[] }) {
  const counts = boardCounts(tiles);
  return (
    <p className="text-2xl font-semibold tabular-nums" data-testid="board-counts" title={formatCounts(counts)}>
      {counts.map((c, i) => (
        <span key={c.health}>
          {i > 0 && <span className="text-slate-400 dark:text-slate-600"> · </span>}
          <span className={TEXT[c.health]} data-health={c.health}>
            {c.text}
          </span>
        </span>
      ))}
    </p>
  );
}
