"use client";

import { useState } from "react";
import { SeriesCard } from "./SeriesCard";
import { ToggleButton } from "./ToggleButton";

/** TURN relays per Expressway-E (V5): peak and average per node, or the averages stacked to the deployment total. */
export function RelayUsageCard({
  deploymentId,
  range,
  fileName,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
  fileName: (what: string) => string;
}) {
  const [mode, setMode] = useState<"lines" | "stacked">("lines");
  return (
    <SeriesCard
      testId="relay-history"
      title="TURN relays per Expressway-E (V5)"
      deploymentId={deploymentId}
      series="relay-usage"
      range={range}
      csvName={fileName("relay-usage")}
      stacked={mode === "stacked"}
      csvTotal={mode === "stacked" ? "deployment total (sum of averages)" : undefined}
      pickLines={mode === "stacked" ? (lines) => lines.filter((l) => l.kind === "avg") : undefined}
      controls={
        <>
          <ToggleButton on={mode === "lines"} onClick={() => setMode("lines")}>
            Per node
          </ToggleButton>
          <ToggleButton on={mode === "stacked"} onClick={() => setMode("stacked")}>
            Stacked total
          </ToggleButton>
        </>
      }
      legend={
        mode === "stacked"
          ? "averages stacked to the deployment total"
          : "solid: highest count in the bucket · dashed: average"
      }
      empty="This deployment has no Expressway-E node, so there are no TURN relays to chart."
    />
  );
}
