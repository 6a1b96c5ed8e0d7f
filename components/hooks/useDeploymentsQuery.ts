import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { DeploymentSummary } from "@/lib/domain/api-types";

/** Every deployment with its nodes (GET /api/deployments): the pickers of history, troubleshooting and settings. */
export function useDeploymentsQuery() {
  return useQuery({
    queryKey: queryKeys.deployments(),
    queryFn: () => fetchJson<DeploymentSummary[]>("/api/deployments"),
  });
}
