import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";

/** One mutation hook for create/update/delete; each refreshes the list. */
export function useUserMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { method: "POST" | "PUT" | "DELETE"; id?: string; body?: unknown }) =>
      fetchJson(a.id ? `/api/users/${a.id}` : "/api/users", {
        method: a.method,
        body: a.body === undefined ? undefined : JSON.stringify(a.body),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}
