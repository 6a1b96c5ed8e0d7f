import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { PollNowResponse } from "@/lib/domain/api-types";

export function usePollNowMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<PollNowResponse>(`/api/deployments/${id}/poll`, { method: "POST" }),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ["deployment:status", { id }] }), qc.invalidateQueries({ queryKey: ["deployment:turn-rtt", { id }] })]),
  });
}
