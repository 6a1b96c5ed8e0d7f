import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";

/** Every alerting change (ack, silence, rules, channels, windows); refreshes what shows them. */
export function useAlertingMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, url, body }: { method: "POST" | "PUT" | "DELETE"; url: string; body?: unknown }) =>
      fetchJson<unknown>(url, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
    onSuccess: () =>
      Promise.all(
        [
          queryKeys.alerts(),
          queryKeys.alertRules(),
          queryKeys.alertChannels(),
          queryKeys.alertMarks(),
          queryKeys.maintenance(),
        ].map((queryKey) => qc.invalidateQueries({ queryKey })),
      ),
  });
}
