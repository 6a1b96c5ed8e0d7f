"use client";

import { BoardAlertMark } from "@/components/alerts/BoardAlertMark";
import { useAlertMarksQuery } from "@/components/alerts/useAlertMarksQuery";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { BoardCounts } from "./BoardCounts";
import { CompactTile } from "./CompactTile";
import { DensitySwitch } from "./DensitySwitch";
import { DeploymentTile } from "./DeploymentTile";
import { useBoardDensity } from "./useBoardDensity";
import { useBoardQuery } from "./useBoardQuery";
import { formatClock } from "@/lib/domain/time-format";

// Columns follow the width in rem: the wall-screen scaling (globals.css, data-wall) makes a 4K
// screen show the 1080p layout at twice the size, so the column count stays the same there.
// Compact: five columns at 1080p, so 30 mostly healthy deployments fit one screen; each tile keeps
// its own height (items-start) rather than stretching to a taller neighbour's.
// auto-fit: tiles fill the screen's width however few there are (one deployment gets all of it).
const GRID = {
  comfortable: "grid grid-cols-[repeat(auto-fit,minmax(min(100%,30rem),1fr))] gap-6",
  compact: "grid grid-cols-[repeat(auto-fit,minmax(min(100%,22rem),1fr))] items-start gap-3",
} as const;
const SKELETON = { comfortable: { n: 3, h: "h-[36rem]" }, compact: { n: 10, h: "h-28" } } as const;

export function Board() {
  const [density, setDensity] = useBoardDensity();
  const { data, error, isPending, dataUpdatedAt } = useBoardQuery();
  const { data: marks } = useAlertMarksQuery();
  const Tile = density === "compact" ? CompactTile : DeploymentTile;
  let body;
  if (isPending)
    body = (
      <div className={GRID[density]}>
        {Array.from({ length: SKELETON[density].n }, (_, i) => (
          <Skeleton key={i} className={SKELETON[density].h} />
        ))}
      </div>
    );
  else if (error && !data)
    body = (
      <ErrorBanner
        title="Could not load the board"
        error={error}
        hint="The board retries every 10 s; check that the Edgescope server is running."
      />
    );
  else
    body = (
      <div className="space-y-4">
        {data.tiles.length === 0 ? (
          <p className="text-xl text-slate-500">
            No deployments yet. An admin adds them under Settings (or run <code>npm run demo</code> for the built-in
            lab).
          </p>
        ) : (
          <div className={GRID[density]}>
            {data.tiles.map((t) => (
              <BoardAlertMark key={t.id} id={t.id} marks={marks}>
                <Tile tile={t} now={Date.parse(data.generatedAt)} />
              </BoardAlertMark>
            ))}
          </div>
        )}
        <p className="text-base text-slate-600 dark:text-slate-400">
          Refreshed {formatClock(dataUpdatedAt, { seconds: true })} · every 10 s · worst first
        </p>
        {/* Below the tiles, so a failed refresh never pushes them down. */}
        {error && <ErrorBanner title="The last refresh failed; showing older data" error={error} />}
      </div>
    );
  return (
    <div data-density={density}>
      <div className={`flex flex-wrap items-center gap-x-8 gap-y-2 ${density === "compact" ? "mb-4" : "mb-6"}`}>
        <h1 className="text-3xl font-bold">Deployments</h1>
        {data && data.tiles.length > 0 && <BoardCounts tiles={data.tiles} />}
        <div className="ml-auto">
          <DensitySwitch value={density} onChange={setDensity} />
        </div>
      </div>
      {body}
    </div>
  );
}
