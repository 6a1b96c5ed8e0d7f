"use client";

import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { DeploymentTile } from "./DeploymentTile";
import { useBoardQuery } from "./useBoardQuery";

export function Board() {
  const { data, error, isPending, dataUpdatedAt } = useBoardQuery();
  if (isPending) return <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-3"><Skeleton className="h-72" /><Skeleton className="h-72" /></div>;
  if (error && !data) return <ErrorBanner title="Could not load the board" error={error} hint="The board retries every 10 s; check that the Edgescope server is running." />;
  return (
    <div className="space-y-4">
      {error && <ErrorBanner title="The last refresh failed; showing older data" error={error} />}
      {data.tiles.length === 0 ? (
        <p className="text-xl text-slate-500">No deployments yet. An admin adds them under Settings (or run <code>npm run demo</code> for the built-in lab).</p>
      ) : (
        <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-3 min-[2400px]:grid-cols-4">
          {data.tiles.map((t) => <DeploymentTile key={t.id} tile={t} now={Date.parse(data.generatedAt)} />)}
        </div>
      )}
      <p className="text-sm text-slate-500">Refreshed {new Date(dataUpdatedAt).toLocaleTimeString()} · every 10 s · worst first</p>
    </div>
  );
}
