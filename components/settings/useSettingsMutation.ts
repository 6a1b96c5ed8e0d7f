import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";

/** Create/update/delete of deployments and nodes; every change refreshes the lists that show them. */
export function useSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, url, body }: { method: "POST" | "PUT" | "DELETE"; url: string; body?: unknown }) =>
      fetchJson<unknown>(url, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.deployments() }),
        qc.invalidateQueries({ queryKey: queryKeys.nodes() }),
      ]),
  });
}
