import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { PollNowResponse } from "@/lib/domain/api-types";

export function usePollNowMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<PollNowResponse>(`/api/deployments/${id}/poll`, { method: "POST" }),
    // Fresh data changes what every panel says, the checks included.
    onSuccess: () =>
      Promise.all(["deployment:status", "deployment:history", "deployment:checks", "deployment:scenarios"].map((k) => qc.invalidateQueries({ queryKey: [k, { id }] }))),
  });
}
