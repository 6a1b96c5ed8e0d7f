import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";

/** GET /api/deployments/{id}/turn-credentials: per Expressway-E the username and whether a password is set (never the password). */
export interface TurnCredentialRow {
  nodeId: string;
  nodeName: string;
  username: string | null;
  passwordSet: boolean;
  updatedAt: string | null;
}

export function useTurnCredentialsQuery(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.turnCredentials(deploymentId),
    queryFn: () => fetchJson<TurnCredentialRow[]>(`/api/deployments/${deploymentId}/turn-credentials`),
  });
}
