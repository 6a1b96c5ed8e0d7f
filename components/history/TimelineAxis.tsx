import { tickLabel, timeAxis } from "@/lib/domain/time-format";

/** Time ticks under the check bars, on the same round local times as the charts' axes. */
export function TimelineAxis({ from, to }: { from: number; to: number }) {
  const { ticks, stepMs } = timeAxis(from, to);
  const span = to - from || 1;
  return (
    <div className="relative h-5 text-xs tabular-nums text-slate-500" data-testid="timeline-axis" aria-hidden>
      {ticks.map((t) => (
        <span
          key={t}
          className="absolute -translate-x-1/2 whitespace-nowrap"
          style={{ left: `${((t - from) / span) * 100}%` }}
        >
          {tickLabel(t, stepMs)}
        </span>
      ))}
    </div>
  );
}
