"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/domain/charts";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)"];
const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** The one Recharts wrapper: lines keyed by series, a time axis, exact numbers in the tooltip. */
export function TimeLineChart({ points, lines, height = 280 }: { points: Array<{ t: number } & Record<string, number | null>>; lines: { key: string; label: string }[]; height?: number }) {
  return (
    <div style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={time} stroke="currentColor" fontSize={12} />
          <YAxis allowDecimals={false} stroke="currentColor" fontSize={12} width={48} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => formatCount(Number(v))} contentStyle={{ background: "#0f172a", border: "1px solid #334155", color: "#e2e8f0" }} />
          <Legend />
          {lines.map((l, i) => (
            <Line key={l.key} dataKey={l.key} name={l.label} stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
