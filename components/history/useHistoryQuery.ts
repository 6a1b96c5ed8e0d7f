import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { HistoryResponse } from "@/lib/domain/api-types";

export function useHistoryQuery<T = HistoryResponse>(deploymentId: string | undefined, series: string, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: ["deployment:history", { id: deploymentId, series, from: range?.from, to: range?.to }],
    queryFn: () => fetchJson<T>(`/api/deployments/${deploymentId}/history/${series}?from=${range!.from}&to=${range!.to}`),
    enabled: !!deploymentId && !!range,
    placeholderData: keepPreviousData,
  });
}
