"use client";

import { useMemo, useState } from "react";
import { useDeploymentsQuery } from "@/components/hooks/useDeploymentsQuery";
import { CapacityForecastCard } from "@/components/forecast/CapacityForecastCard";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { resolveRange, type RangeId } from "@/lib/domain/time-ranges";
import { CheckTimelineCard } from "./CheckTimelineCard";
import { DailyPeaksCard } from "./DailyPeaksCard";
import { DemoHistoryNote } from "./DemoHistoryNote";
import { RangePicker } from "./RangePicker";
import { RelayUsageCard } from "./RelayUsageCard";
import { TurnServerHistoryCard } from "./TurnServerHistoryCard";

/** History of one deployment over one range: relays (V5), turnServer RTT/allocations (V4), checks and tunnel availability (V3). */
export function HistoryView() {
  const deployments = useDeploymentsQuery();
  const [picked, setPicked] = useState<string>();
  const deploymentId = picked ?? deployments.data?.[0]?.id;
  const [rangeId, setRangeId] = useState<RangeId>("24h");
  const [custom, setCustom] = useState<{ from: number; to: number }>(() => ({
    from: Date.now() - 2 * 86_400_000,
    to: Date.now(),
  }));
  // The range is fixed when chosen, so the charts do not creep while someone reads them.
  const [anchor, setAnchor] = useState(() => Date.now());
  const range = useMemo(() => resolveRange(rangeId, anchor, custom), [rangeId, anchor, custom]);

  if (deployments.isPending) return <Skeleton className="h-96" />;
  if (deployments.error) return <ErrorBanner title="Could not load deployments" error={deployments.error} />;
  if (deployments.data.length === 0) return <p className="text-slate-500">No deployments yet, so no history.</p>;
  const deployment = deployments.data.find((d) => d.id === deploymentId);
  const fileName = (what: string) => `${deployment?.name ?? "deployment"}-${what}-${rangeId}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-3xl font-bold">History</h1>
        <label className="text-sm">
          Deployment{" "}
          <select
            value={deploymentId}
            onChange={(e) => setPicked(e.target.value)}
            className="ml-1 rounded border border-slate-400 bg-transparent px-2 py-1"
          >
            {deployments.data.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RangePicker
        rangeId={rangeId}
        onPick={(id) => (setRangeId(id), setAnchor(Date.now()))}
        custom={custom}
        onCustom={setCustom}
        valid={range !== null}
      />
      <DemoHistoryNote deploymentId={deploymentId} range={range} />
      <div className="grid gap-6 min-[1800px]:grid-cols-2">
        <RelayUsageCard deploymentId={deploymentId} range={range} fileName={fileName} />
        <TurnServerHistoryCard
          deploymentId={deploymentId}
          range={range}
          fileName={fileName}
          hasCms={!!deployment?.nodes.some((n) => n.role === "CMS")}
        />
      </div>
      <DailyPeaksCard deploymentId={deploymentId} range={range} />
      <CheckTimelineCard deploymentId={deploymentId} range={range} />
      <CapacityForecastCard deploymentId={deploymentId} range={range} fileName={fileName} />
    </div>
  );
}
