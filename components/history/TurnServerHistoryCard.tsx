"use client";

import { useState } from "react";
import { SeriesCard } from "./SeriesCard";
import { ToggleButton } from "./ToggleButton";

const METRICS = {
  rtt: { label: "RTT", title: "TURN round-trip time per turnServer host (V4)", unit: "ms", what: "round-trip time" },
  allocations: {
    label: "Allocations",
    title: "TURN allocations per turnServer host (V4)",
    unit: undefined,
    what: "allocations",
  },
} as const;

/**
 * What each Meeting Server reports per TURN host: round-trip time (V4, R7), or the allocations it
 * holds there. One card with a switch: both come from the same turnServer status, per the same hosts.
 */
export function TurnServerHistoryCard({
  deploymentId,
  range,
  fileName,
  hasCms,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
  fileName: (what: string) => string;
  hasCms: boolean;
}) {
  const [metric, setMetric] = useState<keyof typeof METRICS>("rtt");
  const m = METRICS[metric];
  return (
    <SeriesCard
      testId="turn-history"
      title={m.title}
      deploymentId={deploymentId}
      series={metric}
      range={range}
      csvName={fileName(`turnserver-${metric}`)}
      unit={m.unit}
      controls={(Object.keys(METRICS) as (keyof typeof METRICS)[]).map((k) => (
        <ToggleButton key={k} on={metric === k} onClick={() => setMetric(k)}>
          {METRICS[k].label}
        </ToggleButton>
      ))}
      legend={`solid: highest ${m.what} in the bucket · dashed: average`}
      empty={
        hasCms
          ? `No turnServer ${m.what} in this range: the Meeting Server reported none for any TURN host (no turnServers, no answer from them, or not polled). See the deployment page's TURN servers panel (C5, V4).`
          : "This deployment has no Meeting Server node, so there is no turnServer data to chart."
      }
    />
  );
}
