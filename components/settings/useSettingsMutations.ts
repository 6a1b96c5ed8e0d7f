import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
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

export interface TestResult {
  ok: boolean;
  results: { source: string; title: string; outcome: string; message: string | null; ms: number }[];
}

export function useNodesQuery(deploymentId: string) {
  return useQuery({ queryKey: ["deployment:nodes", { id: deploymentId }], queryFn: () => fetchJson<NodeRow[]>(`/api/deployments/${deploymentId}/nodes`) });
}

/** Create/update/delete of deployments and nodes; every change refreshes the lists that show them. */
export function useSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, url, body }: { method: "POST" | "PUT" | "DELETE"; url: string; body?: unknown }) =>
      fetchJson<unknown>(url, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ["deployments"] }), qc.invalidateQueries({ queryKey: ["deployment:nodes"] })]),
  });
}

export function useTestConnectionMutation() {
  return useMutation({
    mutationFn: ({ deploymentId, nodeId }: { deploymentId: string; nodeId: string }) =>
      fetchJson<TestResult>(`/api/deployments/${deploymentId}/nodes/${nodeId}/test`, { method: "POST" }),
  });
}
