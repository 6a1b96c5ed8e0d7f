import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { HistoryResponse } from "@/lib/domain/api-types";

const HOUR_MS = 3_600_000;

/** RTT per CMS and TURN host over the last `rangeMs` (history/rtt) for the sparklines (V4), refreshed with the live panels. */
export function useTurnRttQuery(id: string, rangeMs = HOUR_MS) {
  return useQuery({
    queryKey: ["deployment:history", { id, series: "rtt", rangeMs }],
    queryFn: () => {
      const to = Date.now();
      return fetchJson<HistoryResponse>(`/api/deployments/${id}/history/rtt?from=${to - rangeMs}&to=${to}`);
    },
    refetchInterval: 10_000,
  });
}
