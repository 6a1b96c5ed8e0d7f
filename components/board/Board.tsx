"use client";

import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { DeploymentTile } from "./DeploymentTile";
import { useBoardQuery } from "./useBoardQuery";

// Columns follow the width in rem: the wall-screen scaling (globals.css, data-wall) makes a 4K
// screen show the 1080p layout at twice the size, so the column count stays the same there.
const GRID = "grid grid-cols-[repeat(auto-fill,minmax(min(100%,30rem),1fr))] gap-6";

export function Board() {
  const { data, error, isPending, dataUpdatedAt } = useBoardQuery();
  if (isPending) return <div className={GRID}><Skeleton className="h-[36rem]" /><Skeleton className="h-[36rem]" /><Skeleton className="h-[36rem]" /></div>;
  if (error && !data) return <ErrorBanner title="Could not load the board" error={error} hint="The board retries every 10 s; check that the Edgescope server is running." />;
  return (
    <div className="space-y-4">
      {data.tiles.length === 0 ? (
        <p className="text-xl text-slate-500">No deployments yet. An admin adds them under Settings (or run <code>npm run demo</code> for the built-in lab).</p>
      ) : (
        <div className={GRID}>
          {data.tiles.map((t) => <DeploymentTile key={t.id} tile={t} now={Date.parse(data.generatedAt)} />)}
        </div>
      )}
      <p className="text-base text-slate-600 dark:text-slate-400">Refreshed {new Date(dataUpdatedAt).toLocaleTimeString([], { hourCycle: "h23" })} · every 10 s · worst first</p>
      {/* Below the tiles, so a failed refresh never pushes them down. */}
      {error && <ErrorBanner title="The last refresh failed; showing older data" error={error} />}
    </div>
  );
}
