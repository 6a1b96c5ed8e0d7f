import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys, type HistoryRange } from "@/lib/client/query-keys";
import type { HistoryResponse } from "@/lib/domain/api-types";

/**
 * A history series of a deployment (GET /api/deployments/{id}/history/{series}). A fixed range
 * keeps the previous chart on screen while the next loads; a live range (`lastMs`) ends at each
 * fetch and refreshes with the live panels.
 */
export function useHistoryQuery<T = HistoryResponse>(
  deploymentId: string | undefined,
  series: string,
  range: HistoryRange | null,
) {
  const live = range !== null && "lastMs" in range;
  return useQuery({
    queryKey: queryKeys.history(deploymentId, series, range),
    queryFn: () => {
      const to = range && "to" in range ? range.to : Date.now();
      const from = range && "from" in range ? range.from : to - (range as { lastMs: number }).lastMs;
      return fetchJson<T>(`/api/deployments/${deploymentId}/history/${series}?from=${from}&to=${to}`);
    },
    enabled: !!deploymentId && !!range,
    placeholderData: live ? undefined : keepPreviousData,
    refetchInterval: live ? 10_000 : false,
  });
}
