"use client";

import { downloadText } from "@/components/history/download-text";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { TimeLineChart } from "@/components/ui/TimeLineChart";
import { forecastCsv, type ForecastSeries } from "@/lib/domain/forecast";
import { useCapacityForecastQuery } from "./useCapacityForecastQuery";

const hourText = (h: number) => `${String(h).padStart(2, "0")}:00–${String((h + 1) % 24).padStart(2, "0")}:00 UTC`;

function Outlook({ s }: { s: ForecastSeries }) {
  const f = s.forecast;
  const unit = s.kind === "relays" ? "relays" : "load units";
  const trend = f.fit
    ? `${f.fit.slope >= 0 ? "+" : ""}${f.fit.slope.toFixed(1)} ${unit}/day`
    : "no trend (fewer than two days)";
  const until =
    f.limit === null
      ? "no limit known"
      : f.daysUntilLimit === null
        ? "not reached at this trend (flat or falling)"
        : f.daysUntilLimit === 0
          ? "at or over the limit now"
          : `${f.daysUntilLimit} days until the limit at this trend`;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="forecast-outlook">
      <dt className="text-slate-500">Daily peak trend</dt>
      <dd>{trend}</dd>
      <dt className="text-slate-500">Limit</dt>
      <dd>
        {f.limit ?? "—"} <span className="text-slate-500">({s.limitSource})</span>
      </dd>
      <dt className="text-slate-500">Outlook</dt>
      <dd className="font-semibold" data-testid="days-until-limit">
        {until}
      </dd>
      <dt className="text-slate-500">Busy hour (p95)</dt>
      <dd>{f.busyHour ? `${hourText(f.busyHour.hour)} · ${Math.round(f.busyHour.p95)} ${unit}` : "—"}</dd>
    </dl>
  );
}

/**
 * Capacity forecast for managers: per series, the daily peaks over the chosen range with a plain
 * least-squares line through them, the days until that line meets the limit, and the hour of the
 * day whose 95th-percentile peak is highest. The method is lib/domain/forecast.ts (docs/capacity.md).
 */
export function CapacityForecastCard({
  deploymentId,
  range,
  fileName,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
  fileName: (what: string) => string;
}) {
  const q = useCapacityForecastQuery(deploymentId, range);
  const data = q.data;
  return (
    <Card
      title="Capacity forecast"
      actions={
        data &&
        data.series.length > 0 && (
          <button
            type="button"
            className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={() =>
              downloadText(
                `${fileName("capacity-forecast")}.csv`,
                data.series.map((s) => forecastCsv(s.label, s.forecast)).join(""),
              )
            }
          >
            Download CSV
          </button>
        )
      }
    >
      <div data-testid="capacity-forecast">
        <p className="mb-4 text-sm text-slate-500">
          Each day's highest value, and a straight line fitted through those daily peaks (least squares). "Days until
          the limit" extends that line from the last day: it assumes growth stays as steady as it was over this range,
          so use a range of several weeks.
        </p>
        {q.isPending && <Skeleton className="h-64" />}
        {q.error && <ErrorBanner title="Could not load the forecast" error={q.error} />}
        {data?.series.length === 0 && (
          <p className="text-slate-500">This deployment has no Expressway-E or Meeting Server node to forecast.</p>
        )}
        <div className="grid gap-6 xl:grid-cols-2">
          {data?.series.map((s) => (
            <section key={s.key} className="space-y-3" data-series={s.key}>
              <h3 className="font-semibold">{s.label}</h3>
              {s.forecast.warnings.map((w) => (
                <p
                  key={w}
                  className="rounded bg-amber-100 px-2 py-1 text-sm text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
                >
                  {w}
                </p>
              ))}
              {s.forecast.peaks.length > 0 ? (
                <TimeLineChart
                  height="14rem"
                  points={s.forecast.peaks.map((p, i) => ({
                    t: p.dayStartMs,
                    peak: p.peak,
                    fitted: s.forecast.fitted[i] ?? null,
                    limit: s.forecast.limit,
                  }))}
                  lines={[
                    { key: "peak", label: "daily peak", kind: "peak" },
                    { key: "fitted", label: "fitted trend", kind: "avg" },
                    ...(s.forecast.limit !== null ? [{ key: "limit", label: "limit", kind: "peak" as const }] : []),
                  ]}
                />
              ) : (
                <p className="text-sm text-slate-500">No data in this range.</p>
              )}
              <Outlook s={s} />
            </section>
          ))}
        </div>
      </div>
    </Card>
  );
}
