import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { ForecastResponse } from "@/lib/domain/forecast";

export function useCapacityForecastQuery(deploymentId: string | undefined, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: queryKeys.forecast(deploymentId, range),
    queryFn: () =>
      fetchJson<ForecastResponse>(`/api/deployments/${deploymentId}/forecast?from=${range!.from}&to=${range!.to}`),
    enabled: !!deploymentId && !!range,
    placeholderData: keepPreviousData,
  });
}
