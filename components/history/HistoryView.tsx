"use client";

import { useMemo, useState } from "react";
import { useDeploymentsQuery } from "@/components/board/useDeploymentsQuery";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { TimeLineChart } from "@/components/ui/TimeLineChart";
import { historyToCsv } from "@/lib/domain/history-csv";
import { RANGES, resolveRange, type RangeId } from "@/lib/domain/time-ranges";
import { CheckTimelineCard } from "./CheckTimelineCard";
import { HistoryTable } from "./HistoryTable";
import { useHistoryQuery } from "./useHistoryQuery";

const button = (on: boolean) => `rounded px-3 py-1 text-sm font-medium ${on ? "bg-sky-600 text-white" : "bg-slate-200 dark:bg-slate-800"}`;
const toLocalInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

export function HistoryView() {
  const deployments = useDeploymentsQuery();
  const [picked, setPicked] = useState<string>();
  const deploymentId = picked ?? deployments.data?.[0]?.id;
  const [rangeId, setRangeId] = useState<RangeId>("24h");
  const [custom, setCustom] = useState<{ from: number; to: number }>(() => ({ from: Date.now() - 2 * 86_400_000, to: Date.now() }));
  // The range is fixed when chosen, so the chart does not creep while someone reads it.
  const [anchor, setAnchor] = useState(() => Date.now());
  const range = useMemo(() => resolveRange(rangeId, anchor, custom), [rangeId, anchor, custom]);
  const [mode, setMode] = useState<"lines" | "stacked">("lines");
  const [view, setView] = useState<"chart" | "table">("chart");
  const history = useHistoryQuery(deploymentId, "relay-usage", range);

  const shownLines = history.data?.lines.filter((l) => (mode === "stacked" ? l.kind === "avg" : true)) ?? [];
  const keys = shownLines.map((l) => l.key);
  const name = deployments.data?.find((d) => d.id === deploymentId)?.name ?? "deployment";

  if (deployments.isPending) return <Skeleton className="h-96" />;
  if (deployments.error) return <ErrorBanner title="Could not load deployments" error={deployments.error} />;
  if (deployments.data.length === 0) return <p className="text-slate-500">No deployments yet, so no history.</p>;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-3xl font-bold">History</h1>
        <label className="text-sm">Deployment{" "}
          <select value={deploymentId} onChange={(e) => setPicked(e.target.value)} className="ml-1 rounded border border-slate-400 bg-transparent px-2 py-1">
            {deployments.data.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
        {RANGES.map((r) => <button key={r.id} type="button" className={button(rangeId === r.id)} onClick={() => (setRangeId(r.id), setAnchor(Date.now()))}>{r.label}</button>)}
        <button type="button" className={button(rangeId === "custom")} onClick={() => setRangeId("custom")}>Custom</button>
        {rangeId === "custom" && (
          <span className="flex items-center gap-2 text-sm">
            <input type="datetime-local" aria-label="From" value={toLocalInput(custom.from)} onChange={(e) => setCustom({ ...custom, from: new Date(e.target.value).getTime() })} className="rounded border border-slate-400 bg-transparent px-2 py-1" />
            to
            <input type="datetime-local" aria-label="To" value={toLocalInput(custom.to)} onChange={(e) => setCustom({ ...custom, to: new Date(e.target.value).getTime() })} className="rounded border border-slate-400 bg-transparent px-2 py-1" />
            {!range && <span role="alert" className="text-red-500">"From" must be before "to".</span>}
          </span>
        )}
      </div>
      <Card
        title="TURN relays per Expressway-E (V5)"
        actions={
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button(mode === "lines")} onClick={() => setMode("lines")}>Per node</button>
            <button type="button" className={button(mode === "stacked")} onClick={() => setMode("stacked")}>Stacked total</button>
            <button type="button" className={button(view === "chart")} onClick={() => setView("chart")}>Chart</button>
            <button type="button" className={button(view === "table")} onClick={() => setView("table")}>Table</button>
            <button type="button" disabled={!history.data} className={button(false)} onClick={() => history.data && download(`${name}-relay-usage-${rangeId}.csv`, historyToCsv(history.data, keys))}>Export CSV</button>
          </div>
        }
      >
        {history.isPending && <Skeleton className="h-80" />}
        {history.error && <ErrorBanner title="Could not load relay history" error={history.error} hint="Try a shorter range, or reload the page." />}
        {history.data && (view === "chart"
          ? <TimeLineChart points={history.data.points} lines={shownLines} height={380} zoom stacked={mode === "stacked"} />
          : <HistoryTable history={history.data} keys={keys} />)}
        {history.data && <p className="mt-2 text-xs text-slate-500">One point per {Math.round(history.data.bucketMs / 60_000) || `${history.data.bucketMs / 1000} s`}{history.data.bucketMs >= 60_000 ? " min" : ""} bucket · {mode === "stacked" ? "averages stacked to the deployment total" : "solid: highest count in the bucket · dashed: average"} · drag the handles under the chart to zoom</p>}
      </Card>
      <CheckTimelineCard deploymentId={deploymentId} range={range} />
    </div>
  );
}
