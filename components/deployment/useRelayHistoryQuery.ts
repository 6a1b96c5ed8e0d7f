import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { HistoryResponse } from "@/lib/domain/api-types";

/** Relay usage for the last `rangeMs`, refreshed with the live panels. */
export function useRelayHistoryQuery(id: string, rangeMs: number) {
  return useQuery({
    queryKey: ["deployment:history", { id, series: "relay-usage", rangeMs }],
    queryFn: () => {
      const to = Date.now();
      return fetchJson<HistoryResponse>(`/api/deployments/${id}/history/relay-usage?from=${to - rangeMs}&to=${to}`);
    },
    refetchInterval: 10_000,
  });
}
