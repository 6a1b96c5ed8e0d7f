import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { ChecksResponse } from "@/lib/domain/checks";

/** Checks with cached probe results, refreshed with the live panels. */
export function useChecksQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.checks(id),
    queryFn: () => fetchJson<ChecksResponse>(`/api/deployments/${id}/checks`),
    refetchInterval: 30_000,
  });
}
