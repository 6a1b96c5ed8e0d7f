import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { PollNowResponse } from "@/lib/domain/api-types";

export function usePollNowMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<PollNowResponse>(`/api/deployments/${id}/poll`, { method: "POST" }),
    // Fresh data changes what every panel says, the checks included.
    onSuccess: () =>
      Promise.all(
        [queryKeys.status(id), queryKeys.history(id), queryKeys.checks(id), queryKeys.scenarios(id)].map((queryKey) =>
          qc.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
