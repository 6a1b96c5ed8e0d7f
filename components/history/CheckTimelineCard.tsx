"use client";

import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { formatPassRatio, type CheckTimelineResponse } from "@/lib/domain/check-timeline";
import type { CheckStatus } from "@/lib/domain/checks";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";
import { formatDateTime } from "@/lib/domain/time-format";
import { TimelineAxis } from "./TimelineAxis";

const COLOUR: Record<CheckStatus, string> = {
  pass: "bg-emerald-600",
  warn: "bg-yellow-400",
  fail: "bg-red-600",
  unknown: "bg-slate-500",
};
const pct = formatPassRatio;

/** Tunnel availability (V3) and a status bar per check over the chosen range. */
export function CheckTimelineCard({
  deploymentId,
  range,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
}) {
  const { data, error, isPending } = useHistoryQuery<CheckTimelineResponse>(deploymentId, "checks", range);
  const span = range ? range.to - range.from : 1;
  const v3 = data?.checks.find((c) => c.checkId === "v3-tunnels");
  return (
    <Card
      title="Checks over time"
      actions={
        <span className="text-lg" data-testid="tunnel-availability">
          Tunnel availability (V3): <strong>{pct(v3?.passRatio ?? null)}</strong>
        </span>
      }
    >
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load the check timeline" error={error} />}
      {data && (
        <ul className="space-y-1.5">
          {data.checks.map((c) => (
            <li
              key={c.checkId}
              className="grid grid-cols-[minmax(12rem,22rem)_1fr_5rem] items-center 2xl:grid-cols-[minmax(12rem,32rem)_1fr_5rem] gap-3 text-sm"
              data-testid="timeline-row"
            >
              <span className="truncate" title={c.title}>
                {c.title} <span className="text-xs text-slate-500">{c.domainIds.join(" · ")}</span>
              </span>
              <span
                role="img"
                className="relative h-4 rounded bg-slate-200 dark:bg-slate-800"
                aria-label={`${c.title}: ${c.segments.map((s) => s.status).join(", ") || "not observed"}`}
              >
                {range &&
                  c.segments.map((s, i) => (
                    <span
                      key={i}
                      title={`${s.status} from ${formatDateTime(s.from)} to ${formatDateTime(s.to)}: ${s.summary}`}
                      className={`absolute top-0 h-full ${COLOUR[s.status]}`}
                      style={{
                        left: `${((s.from - range.from) / span) * 100}%`,
                        width: `${Math.max(0.2, ((s.to - s.from) / span) * 100)}%`,
                      }}
                    />
                  ))}
              </span>
              <span className="text-right tabular-nums text-slate-500">{pct(c.passRatio)}</span>
            </li>
          ))}
          {range && (
            <li className="grid grid-cols-[minmax(12rem,22rem)_1fr_5rem] gap-3 2xl:grid-cols-[minmax(12rem,32rem)_1fr_5rem]">
              <span />
              <TimelineAxis from={range.from} to={range.to} />
              <span />
            </li>
          )}
        </ul>
      )}
      <p className="mt-2 text-xs text-slate-500">
        Green pass · yellow warn · red fail · grey unknown · empty: not observed. Percentages: share of observed time
        passing.
      </p>
    </Card>
  );
}
