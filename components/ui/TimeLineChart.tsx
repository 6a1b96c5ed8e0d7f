"use client";

import {
  Area,
  AreaChart,
  Brush,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartReference } from "@/lib/domain/api-types";
import { formatCount, isolatedIndexes, type ZoomWindow } from "@/lib/domain/charts";
import { formatDateTime, tickLabel, timeAxis } from "@/lib/domain/time-format";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)"];

export interface ChartLine {
  key: string;
  label: string;
  kind?: "peak" | "avg";
}

type Point = { t: number } & Record<string, number | null>;

/** A dot on each value with no neighbour (a line draws nothing there); false when there is none. */
function loneDots(points: Point[], key: string, fill: string) {
  const lone = isolatedIndexes(points, key);
  if (!lone.size) return false;
  return (p: { cx?: number; cy?: number; index?: number }) =>
    p.index !== undefined && lone.has(p.index) && p.cx !== undefined && p.cy !== undefined ? (
      <circle key={`d${p.index}`} cx={p.cx} cy={p.cy} r={2.5} fill={fill} stroke="none" />
    ) : (
      <g key={`n${p.index}`} />
    );
}

/** Limits read as warnings, apart from the node colours: red for the first (highest), amber below it. */
const REFERENCE_COLORS = ["#dc2626", "#d97706"];

/** Axis text in rem, so it grows with the root font size on a wall screen. */
const FONT = "0.75rem";

/**
 * The one Recharts wrapper: a time axis, exact numbers in the tooltip, and optionally a brush to
 * zoom and a stacked-area mode. A line's colour follows its node; averages draw dashed. The brush
 * reports its window through `onZoom` (so a table or CSV can show the same points) and starts at
 * `zoomWindow` when the chart mounts again. `height` is px or any CSS length. `references` are
 * levels to compare with (a limit), drawn as labelled horizontal lines; the value axis stretches
 * to hold them, so the distance to a limit is seen at its true scale.
 */
export function TimeLineChart({
  points,
  lines,
  height = "17.5rem",
  zoom = false,
  stacked = false,
  unit = "",
  zoomWindow = null,
  onZoom,
  domain,
  references = [],
}: {
  domain?: [number, number];
  references?: readonly ChartReference[];
  points: Point[];
  lines: ChartLine[];
  height?: number | string;
  zoom?: boolean;
  stacked?: boolean;
  unit?: string;
  zoomWindow?: ZoomWindow | null;
  onZoom?: (w: ZoomWindow) => void;
}) {
  // Ticks on round local times over the range asked (else the data's), labelled by the one formatter.
  const [from, to] = domain ?? [points[0]?.t ?? 0, points.at(-1)?.t ?? 0];
  const axis = timeAxis(from, to);
  const tick = (t: number) => tickLabel(t, axis.stepMs);
  const colour = (i: number, l: ChartLine) => COLORS[(l.kind ? Math.floor(i / 2) : i) % COLORS.length];
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={domain ?? ["dataMin", "dataMax"]}
        ticks={axis.ticks}
        tickFormatter={tick}
        stroke="currentColor"
        fontSize={FONT}
      />
      <YAxis allowDecimals={false} stroke="currentColor" fontSize={FONT} width="auto" unit={unit} />
      <Tooltip
        labelFormatter={(t) => formatDateTime(Number(t))}
        formatter={(v) => `${formatCount(Number(v))}${unit}`}
        contentStyle={{ background: "#0f172a", border: "1px solid #334155", color: "#e2e8f0" }}
      />
      <Legend />
      {references.map((r, i) => (
        <ReferenceLine
          key={r.label}
          y={r.value}
          ifOverflow="extendDomain"
          stroke={REFERENCE_COLORS[i % REFERENCE_COLORS.length]}
          strokeDasharray={i === 0 ? undefined : "8 4"}
          strokeWidth={1.5}
          label={{ value: r.label, position: "insideTopRight", fill: "currentColor", fontSize: FONT }}
        />
      ))}
      {zoom && points.length > 20 && (
        <Brush
          dataKey="t"
          height={28}
          tickFormatter={(t: number) => formatDateTime(t)}
          stroke="var(--chart-1)"
          fill="transparent"
          fontSize={FONT}
          startIndex={zoomWindow?.startIndex}
          endIndex={zoomWindow?.endIndex}
          onChange={(w) => onZoom?.({ startIndex: w.startIndex, endIndex: w.endIndex })}
        />
      )}
    </>
  );
  return (
    <div style={{ height }} className="w-full" data-testid="time-chart">
      <ResponsiveContainer width="100%" height="100%">
        {stacked ? (
          <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            {axes}
            {lines.map((l, i) => (
              <Area
                key={l.key}
                dataKey={l.key}
                name={l.label}
                stackId="total"
                stroke={COLORS[i % COLORS.length]}
                fill={COLORS[i % COLORS.length]}
                fillOpacity={0.35}
                dot={loneDots(points, l.key, COLORS[i % COLORS.length]!)}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            {axes}
            {lines.map((l, i) => (
              <Line
                key={l.key}
                dataKey={l.key}
                name={l.label}
                stroke={colour(i, l)}
                strokeDasharray={l.kind === "avg" ? "5 4" : undefined}
                dot={loneDots(points, l.key, colour(i, l)!)}
                strokeWidth={2}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
