"use client";

import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { TimeLineChart } from "@/components/ui/TimeLineChart";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";

const HOUR_MS = 3_600_000;

export function RelayChart({ id }: { id: string }) {
  const { data, error, isPending } = useHistoryQuery(id, "relay-usage", { lastMs: HOUR_MS });
  return (
    <Card title="Relays, last hour (highest per bucket)">
      {isPending && <Skeleton className="h-72" />}
      {error && <ErrorBanner title="Could not load relay history" error={error} />}
      {data && <TimeLineChart points={data.points} lines={data.lines} />}
    </Card>
  );
}
