import { useHistoryQuery } from "@/components/hooks/useHistoryQuery";

const HOUR_MS = 3_600_000;

/** RTT per CMS and TURN host over the last `rangeMs` (history/rtt) for the sparklines (V4): the history hook, live. */
export function useTurnRttQuery(id: string, rangeMs = HOUR_MS) {
  return useHistoryQuery(id, "rtt", { lastMs: rangeMs });
}
