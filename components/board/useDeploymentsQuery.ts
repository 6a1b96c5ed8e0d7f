import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { DeploymentSummary } from "@/lib/domain/api-types";

export function useDeploymentsQuery() {
  return useQuery({ queryKey: ["deployments"], queryFn: () => fetchJson<DeploymentSummary[]>("/api/deployments") });
}
