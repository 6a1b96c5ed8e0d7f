import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { NodeRole } from "@/lib/domain/types";

export interface NodeRow {
  id: string;
  /** Managed by the provisioning file: read-only */
  provisioned?: boolean;
  role: NodeRole;
  name: string;
  baseUrl: string;
  username: string;
  caPem: string | null;
  tlsInsecure: boolean;
  privateAddress: string | null;
  publicAddress: string | null;
  turnProbeTarget: string | null;
  tlsProbeTarget: string | null;
  /** True only when the server's key opens the stored password. */
  passwordSet: boolean;
  /** The stored password was sealed with another key: it must be entered again. */
  passwordUnreadable: boolean;
  turnRelayCapacity?: number | null;
  tlsAuditTargets?: string | null;
}

export function useNodesQuery(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.nodes(deploymentId),
    queryFn: () => fetchJson<NodeRow[]>(`/api/deployments/${deploymentId}/nodes`),
  });
}
