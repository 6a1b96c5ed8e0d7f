import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";

/** Every alerting change (ack, silence, rules, channels, windows); refreshes what shows them. */
export function useAlertingMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, url, body }: { method: "POST" | "PUT" | "DELETE"; url: string; body?: unknown }) =>
      fetchJson<unknown>(url, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
    onSuccess: () =>
      Promise.all(["alerts", "alerts:rules", "alerts:channels", "alerts:board", "maintenance"].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}
