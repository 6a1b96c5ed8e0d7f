import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { DeploymentStatus } from "@/lib/domain/api-types";

/** Live panel: refreshed every 10 s (the relay poll interval). */
export function useDeploymentStatusQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.status(id),
    queryFn: () => fetchJson<DeploymentStatus>(`/api/deployments/${id}/status`),
    refetchInterval: 10_000,
  });
}
