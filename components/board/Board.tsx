"use client";

import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { DeploymentTile } from "./DeploymentTile";
import { useDeploymentsQuery } from "./useDeploymentsQuery";

export function Board() {
  const { data, error, isPending } = useDeploymentsQuery();
  if (isPending) return <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-3"><Skeleton className="h-56" /><Skeleton className="h-56" /></div>;
  if (error) return <ErrorBanner title="Could not load deployments" error={error} hint="The board retries on its own; check the server log if this persists." />;
  if (data.length === 0) {
    return <p className="text-lg text-slate-500">No deployments yet. Start the demo (<code>npm run demo</code>) for the built-in lab, or add one through the API.</p>;
  }
  return (
    <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-3">
      {data.map((d) => <DeploymentTile key={d.id} id={d.id} name={d.name} joinUrl={d.joinUrl} />)}
    </div>
  );
}
