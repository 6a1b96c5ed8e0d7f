"use client";

import type { DailyPeaksResponse } from "@/lib/domain/daily-stats";
import { demoNote } from "@/lib/domain/demo-history";
import { formatDateTime } from "@/lib/domain/time-format";
import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";

/** Says when the range shows demo data (npm run demo); the daily-peaks answer carries the marker (same query as its card). */
export function DemoHistoryNote({
  deploymentId,
  range,
}: {
  deploymentId: string | undefined;
  range: { from: number; to: number } | null;
}) {
  const { data } = useHistoryQuery<DailyPeaksResponse>(deploymentId, "daily-peaks", range);
  const demo = data?.demo ?? null;
  const note = range && demo ? demoNote({ ...demo, seededAt: "" }, range.from, range.to) : null;
  if (!note || !demo) return null;
  return (
    <p
      role="note"
      data-testid="demo-note"
      className="rounded-lg border border-dashed border-sky-500 bg-sky-50 px-4 py-2 text-sm text-sky-900 dark:bg-sky-950/40 dark:text-sky-100"
    >
      {note} Seeded span: {formatDateTime(demo.from)} – {formatDateTime(demo.to)}.
    </p>
  );
}
