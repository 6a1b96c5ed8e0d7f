import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";

export interface TestResult {
  ok: boolean;
  results: { source: string; title: string; outcome: string; message: string | null; ms: number }[];
}

/** Polls one node once without storing anything (POST …/nodes/{nodeId}/test). */
export function useTestConnectionMutation() {
  return useMutation({
    mutationFn: ({ deploymentId, nodeId }: { deploymentId: string; nodeId: string }) =>
      fetchJson<TestResult>(`/api/deployments/${deploymentId}/nodes/${nodeId}/test`, { method: "POST" }),
  });
}
