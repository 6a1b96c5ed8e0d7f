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
import { SeriesCard, type SeriesMode } from "./SeriesCard";

/**
 * History of one deployment over one range: relays (V5), turnServer RTT/allocations (V4), CMS media
 * load against its loadLimit (R3), Expressway calls against their licensed counts (R2), checks and
 * tunnel availability (V3).
 */
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
  const hasCms = !!deployment?.nodes.some((n) => n.role === "CMS");
  const hasExpressway = !!deployment?.nodes.some((n) => n.role === "EXPRESSWAY_C" || n.role === "EXPRESSWAY_E");

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
        <SeriesCard testId="relay-history" deploymentId={deploymentId} range={range} modes={relayModes(fileName)} />
        <SeriesCard
          testId="turn-history"
          deploymentId={deploymentId}
          range={range}
          modes={turnServerModes(fileName, hasCms)}
        />
        <SeriesCard
          testId="media-load-history"
          deploymentId={deploymentId}
          range={range}
          modes={[mediaLoadMode(fileName, hasCms)]}
        />
        <SeriesCard
          testId="call-licences-history"
          deploymentId={deploymentId}
          range={range}
          modes={callLicenceModes(fileName, hasExpressway)}
        />
      </div>
      <DailyPeaksCard deploymentId={deploymentId} range={range} />
      <CheckTimelineCard deploymentId={deploymentId} range={range} />
      <CapacityForecastCard deploymentId={deploymentId} range={range} fileName={fileName} />
    </div>
  );
}

type FileName = (what: string) => string;

/** TURN relays per Expressway-E (V5): peak and average per node, or the averages stacked to the deployment total. */
function relayModes(fileName: FileName): [SeriesMode, SeriesMode] {
  const relays = {
    title: "TURN relays per Expressway-E (V5)",
    series: "relay-usage",
    csvName: fileName("relay-usage"),
    empty: "This deployment has no Expressway-E node, so there are no TURN relays to chart.",
  } as const;
  return [
    { ...relays, label: "Per node", legend: "solid: highest count in the bucket · dashed: average" },
    {
      ...relays,
      label: "Stacked total",
      stacked: true,
      csvTotal: "deployment total (sum of averages)",
      pickLines: (lines) => lines.filter((l) => l.kind === "avg"),
      legend: "averages stacked to the deployment total",
    },
  ];
}

/**
 * What each Meeting Server reports per TURN host: round-trip time (V4, R7), or the allocations it
 * holds there. One card with a switch: both come from the same turnServer status, per the same hosts.
 */
function turnServerModes(fileName: FileName, hasCms: boolean): [SeriesMode, SeriesMode] {
  const mode = (series: "rtt" | "allocations", label: string, what: string, unit?: string): SeriesMode => ({
    label,
    title: `TURN ${what} per turnServer host (V4)`,
    series,
    csvName: fileName(`turnserver-${series}`),
    unit,
    legend: `solid: highest ${what} in the bucket · dashed: average`,
    empty: hasCms
      ? `No turnServer ${what} in this range: the Meeting Server reported none for any TURN host (no turnServers, no answer from them, or not polled). See the deployment page's TURN servers panel (C5, V4).`
      : "This deployment has no Meeting Server node, so there is no turnServer data to chart.",
  });
  return [mode("rtt", "RTT", "round-trip time", "ms"), mode("allocations", "Allocations", "allocations")];
}

/** CMS media processing load per Call Bridge (R3), against its loadLimit and reject level where the cluster configuration gives one. */
function mediaLoadMode(fileName: FileName, hasCms: boolean): SeriesMode {
  return {
    label: "Media load",
    title: "CMS media processing load per Call Bridge (R3)",
    series: "media-load",
    csvName: fileName("media-load"),
    legend: "solid: highest load in the bucket · dashed: average",
    unreferenced: (names) => `no loadLimit configured on ${names}, so no line for it`,
    empty: hasCms
      ? "No media processing load in this range: the Meeting Server reported none (system/load not answered, or not polled). See the deployment page's capacity check (R3)."
      : "This deployment has no Meeting Server node, so there is no media load to chart.",
  };
}

/**
 * Expressway calls in use per node (R2, source expressway.call-licences), one licence kind at a
 * time, against each box's licensed count where its status tree exposes one.
 */
function callLicenceModes(fileName: FileName, hasExpressway: boolean): [SeriesMode, SeriesMode] {
  const mode = (series: "calls-traversal" | "calls-nontraversal", label: string, what: string): SeriesMode => ({
    label,
    title: "Call licences per Expressway (R2)",
    series,
    csvName: fileName(series),
    legend: `${what} in use · solid: highest count in the bucket · dashed: average`,
    unreferenced: (names) => `${names}: licensed count not exposed by this version, so no line`,
    empty: hasExpressway
      ? `No ${what} in this range: no Expressway reported calls in use (/Status/ResourceUsage/Calls not answered, or not polled). See the deployment page's call licence check (R2).`
      : "This deployment has no Expressway node, so there are no call licences to chart.",
  });
  return [
    mode("calls-traversal", "Traversal", "traversal calls"),
    mode("calls-nontraversal", "Non-traversal", "non-traversal calls"),
  ];
}
