import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { DeploymentStatus } from "@/lib/domain/api-types";

/** Live panel: refreshed every 10 s (the relay poll interval). */
export function useDeploymentStatusQuery(id: string) {
  return useQuery({
    queryKey: ["deployment:status", { id }],
    queryFn: () => fetchJson<DeploymentStatus>(`/api/deployments/${id}/status`),
    refetchInterval: 10_000,
  });
}
