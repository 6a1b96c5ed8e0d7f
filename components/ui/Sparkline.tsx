"use client";

import { Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from "recharts";
import { formatClock } from "@/lib/domain/time-format";

type Point = { t: number } & Record<string, number | null>;

/**
 * A tiny trend line without axes: `dataKey` drawn solid, optional `peakKey` faint behind it.
 * Gaps stay gaps (no answer is not zero). The tooltip gives the exact value and time.
 */
export function Sparkline({
  points,
  dataKey,
  peakKey,
  height = 40,
  unit = "",
  label,
}: {
  points: Point[];
  dataKey: string;
  peakKey?: string;
  height?: number | string;
  unit?: string;
  label?: string;
}) {
  const has = (i: number) => points[i]?.[dataKey] !== null && points[i]?.[dataKey] !== undefined;
  const hasData = points.some((_, i) => has(i));
  // A line needs two neighbours to show: dot the isolated points, and the latest one.
  let last = -1;
  for (let i = points.length - 1; i >= 0 && last < 0; i--) if (has(i)) last = i;
  const dotted = new Set(points.flatMap((_, i) => (has(i) && (i === last || (!has(i - 1) && !has(i + 1))) ? [i] : [])));
  const dot = (p: { cx?: number; cy?: number; index?: number }) =>
    p.index !== undefined && dotted.has(p.index) && p.cx !== undefined && p.cy !== undefined ? (
      <circle key={`d${p.index}`} cx={p.cx} cy={p.cy} r={2.5} fill="var(--chart-1)" stroke="none" />
    ) : (
      <g key={`n${p.index}`} />
    );
  return (
    <div
      role="img"
      style={{ height }}
      className="w-full min-w-24"
      data-testid="sparkline"
      aria-label={label}
      data-points={points.length}
    >
      {hasData ? (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
            <YAxis hide domain={[0, "dataMax"]} />
            <Tooltip
              labelFormatter={(_, p) => (p[0] ? formatClock(Number(p[0].payload.t)) : "")}
              formatter={(v) => `${Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 })}${unit}`}
              contentStyle={{
                background: "#0f172a",
                border: "1px solid #334155",
                color: "#e2e8f0",
                fontSize: 12,
                padding: "2px 6px",
              }}
            />
            {peakKey && (
              <Line
                dataKey={peakKey}
                name="peak"
                stroke="var(--chart-2)"
                strokeOpacity={0.45}
                strokeWidth={1}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            )}
            <Line
              dataKey={dataKey}
              name="average"
              stroke="var(--chart-1)"
              strokeWidth={2}
              dot={dot}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <p className="flex h-full items-center text-xs text-slate-500">no RTT in this hour</p>
      )}
    </div>
  );
}
