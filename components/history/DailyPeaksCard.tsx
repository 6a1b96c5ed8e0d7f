"use client";

import { useState } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { TimeLineChart } from "@/components/ui/TimeLineChart";
import { formatBucket } from "@/lib/domain/charts";
import { busiestDays, completeDays, dailyPeaksChart, type DailyPeaksResponse } from "@/lib/domain/daily-stats";
import { formatDay } from "@/lib/domain/time-format";
import { HistoryTable } from "./HistoryTable";
import { ToggleButton } from "./ToggleButton";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";

const DAY = 86_400_000;

/** Per Expressway-E and UTC day: the highest relay count and the 95th percentile (capacity reviews). */
export function DailyPeaksCard({
  deploymentId,
  range,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
}) {
  const { data, error, isPending } = useHistoryQuery<DailyPeaksResponse>(deploymentId, "daily-peaks", range);
  const [view, setView] = useState<"chart" | "table">("chart");
  // Chart and busiest day over whole days; the table also lists the day still running.
  const whole = data && range ? completeDays(data, range.to) : data;
  const chart = whole ? dailyPeaksChart(whole) : null;
  const table = data ? dailyPeaksChart(data) : null;
  const top = whole ? busiestDays(whole) : [];
  return (
    <div data-testid="daily-peaks">
      <Card
        title="Daily peak and 95th percentile per Expressway-E (V5)"
        actions={
          <div className="flex gap-2">
            <ToggleButton on={view === "chart"} onClick={() => setView("chart")}>
              Chart
            </ToggleButton>
            <ToggleButton on={view === "table"} onClick={() => setView("table")}>
              Table
            </ToggleButton>
          </div>
        }
      >
        {isPending && <Skeleton className="h-60" />}
        {error && <ErrorBanner title="Could not load the daily peaks" error={error} />}
        {data && top.length === 0 && (
          <p className="py-6 text-center text-slate-500" data-testid="series-empty">
            No relay data in this range.
          </p>
        )}
        {data && chart && top.length > 0 && (
          <>
            <ul className="mb-3 flex flex-wrap gap-x-8 gap-y-1 text-base" data-testid="busiest-days">
              {top.map((b) => (
                <li key={b.name}>
                  <span className="font-semibold">{b.name}</span>: busiest day{" "}
                  {formatDay(b.day, { year: true, timeZone: "UTC" })}, peak{" "}
                  <strong className="tabular-nums">{b.peak}</strong>, 95th percentile{" "}
                  <strong className="tabular-nums">{b.p95}</strong>
                </li>
              ))}
            </ul>
            {view === "chart" ? (
              chart.points.length > 1 ? (
                <TimeLineChart
                  points={chart.points}
                  lines={chart.lines}
                  height="16rem"
                  domain={range ? [Math.floor(range.from / DAY) * DAY, range.to] : undefined}
                />
              ) : null
            ) : (
              <HistoryTable
                history={table!}
                keys={table!.lines.map((l) => l.key)}
                time={(t) => formatDay(t, { year: true, timeZone: "UTC" })}
              />
            )}
            <p className="mt-2 text-xs text-slate-500">
              Days are UTC days; the chart leaves out today (not over yet) · peak: the highest polled relay count of the
              day · 95th percentile: of the day&apos;s {formatBucket(data.bucketMs)} averages (the level the node stayed
              at or under for 95 % of the day)
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
