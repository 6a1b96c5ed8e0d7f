import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { ChecksResponse } from "@/lib/domain/checks";

/** Runs every probe afresh now (engineer; a POST, never a reused result) and shows the answer in place of the cached one. */
export function useRunProbesMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ChecksResponse>(`/api/deployments/${id}/checks`, { method: "POST" }),
    onSuccess: (data) => {
      qc.setQueryData(queryKeys.checks(id), data);
      return qc.invalidateQueries({ queryKey: queryKeys.scenarios(id) });
    },
  });
}
