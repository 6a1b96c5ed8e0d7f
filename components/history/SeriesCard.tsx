"use client";

import { useState, type ReactNode } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { TimeLineChart } from "@/components/ui/TimeLineChart";
import type { HistoryResponse } from "@/lib/domain/api-types";
import { formatBucket, zoomedPoints, type ZoomWindow } from "@/lib/domain/charts";
import { historyToCsv } from "@/lib/domain/history-csv";
import { downloadText } from "./download-text";
import { HistoryTable } from "./HistoryTable";
import { ToggleButton } from "./ToggleButton";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";
import { formatDateTime } from "@/lib/domain/time-format";

type Line = HistoryResponse["lines"][number];

/** Readable on a laptop, a good share of a wall screen (rem grows with the wall's root font size). */
const CHART_HEIGHT = "clamp(22rem, 34vh, 40rem)";

/** One way a card shows a series; a card with several modes switches between them with buttons. */
export interface SeriesMode {
  /** The switch's button text (not shown for a card of one mode) */
  label: string;
  title: ReactNode;
  series: "relay-usage" | "rtt" | "allocations" | "media-load" | "calls-traversal" | "calls-nontraversal";
  /** Download name without ".csv" */
  csvName: string;
  /** Unit of every value ("ms"), in the tooltip, the axis, the table and the CSV headings */
  unit?: string;
  stacked?: boolean;
  /** Heading of a total column in the CSV (each row's sum of the shown lines), e.g. for the stacked view */
  csvTotal?: string;
  /** Which of the series' lines to draw (all by default) */
  pickLines?: (lines: Line[]) => Line[];
  /** Shown instead of the chart when the series has no line at all */
  empty: ReactNode;
  /** How to read the lines, in the footnote */
  legend: string;
  /** Footnote for the drawn nodes with no level to compare with (the answer's `unreferenced`), e.g. "no loadLimit on cms1" */
  unreferenced?: (names: string) => string;
}

/**
 * One history series as a chart or a table, with zoom and CSV export: the table and the CSV hold
 * exactly the points and lines the chart shows, zoom included. The first mode shows first.
 */
export function SeriesCard({
  testId,
  deploymentId,
  range,
  modes,
}: {
  testId: string;
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
  modes: readonly [SeriesMode, ...SeriesMode[]];
}) {
  const [modeIndex, setModeIndex] = useState(0);
  const mode = modes[modeIndex] ?? modes[0];
  const {
    title,
    series,
    csvName,
    unit,
    stacked = false,
    csvTotal,
    pickLines = (l) => l,
    empty,
    legend,
    unreferenced,
  } = mode;
  const history = useHistoryQuery(deploymentId, series, range);
  const [view, setView] = useState<"chart" | "table">("chart");
  // The brush window belongs to one answer; a new range (or series) starts unzoomed.
  const [zoom, setZoom] = useState<{ of: string; win: ZoomWindow } | null>(null);
  // Unzooming remounts the chart: the brush keeps its own position otherwise.
  const [unzooms, setUnzooms] = useState(0);
  const data = history.data;
  const answer = data ? `${data.series}|${data.from}|${data.to}` : "";
  const win = zoom?.of === answer ? zoom.win : null;
  const lines = data ? pickLines(data.lines) : [];
  const keys = lines.map((l) => l.key);
  const shown = data ? zoomedPoints(data.points, win) : [];
  const zoomed = data !== undefined && win !== null && shown.length < data.points.length;
  const when = (t: number | undefined) => (t === undefined ? "" : formatDateTime(t));

  return (
    <div data-testid={testId} data-series={series}>
      <Card
        className="h-full"
        title={title}
        actions={
          <div className="flex flex-wrap justify-end gap-2">
            {modes.length > 1 &&
              modes.map((m, i) => (
                <ToggleButton key={m.label} on={i === modeIndex} onClick={() => setModeIndex(i)}>
                  {m.label}
                </ToggleButton>
              ))}
            <ToggleButton on={view === "chart"} onClick={() => setView("chart")}>
              Chart
            </ToggleButton>
            <ToggleButton on={view === "table"} onClick={() => setView("table")}>
              Table
            </ToggleButton>
            <ToggleButton
              disabled={!data || lines.length === 0}
              onClick={() =>
                data &&
                downloadText(`${csvName}.csv`, historyToCsv({ lines: data.lines, points: shown }, keys, unit, csvTotal))
              }
            >
              Export CSV
            </ToggleButton>
          </div>
        }
      >
        {history.isPending && <Skeleton className="h-80" />}
        {history.error && (
          <ErrorBanner
            title="Could not load this history"
            error={history.error}
            hint="Try a shorter range, or reload the page."
          />
        )}
        {data && lines.length === 0 && (
          <div
            className="flex min-h-40 items-center justify-center rounded-lg border border-dashed border-slate-400 p-6 text-center text-slate-500 dark:border-slate-700"
            data-testid="series-empty"
          >
            {empty}
          </div>
        )}
        {data &&
          lines.length > 0 &&
          (view === "chart" ? (
            <TimeLineChart
              key={unzooms}
              points={data.points}
              lines={lines}
              height={CHART_HEIGHT}
              zoom
              stacked={stacked}
              unit={unit ? ` ${unit}` : ""}
              zoomWindow={win}
              references={data.references}
              onZoom={(w) => setZoom({ of: answer, win: w })}
              domain={zoomed ? [shown[0]!.t, shown.at(-1)!.t] : [Date.parse(data.from), Date.parse(data.to)]}
            />
          ) : (
            <HistoryTable history={{ lines: data.lines, points: shown }} keys={keys} unit={unit} />
          ))}
        {data && lines.length > 0 && (
          <p className="mt-2 text-xs text-slate-500">
            One point per {formatBucket(data.bucketMs)} · {legend}
            {data.references?.length ? (
              <span data-testid="series-references">
                {" "}
                · lines across: {data.references.map((r) => r.label).join(", ")}, as configured now
              </span>
            ) : null}
            {unreferenced && data.unreferenced?.length ? (
              <span data-testid="series-unreferenced"> · {unreferenced(data.unreferenced.join(", "))}</span>
            ) : null}{" "}
            · drag the handles under the chart to zoom; the table and the CSV show what the chart shows
            {zoomed && (
              <span data-testid="zoom-note">
                {" "}
                · zoomed to {when(shown[0]?.t)} – {when(shown.at(-1)?.t)}{" "}
                <button
                  type="button"
                  className="text-sky-600 underline"
                  onClick={() => (setZoom(null), setUnzooms(unzooms + 1))}
                >
                  Show the whole range
                </button>
              </span>
            )}
          </p>
        )}
      </Card>
    </div>
  );
}
