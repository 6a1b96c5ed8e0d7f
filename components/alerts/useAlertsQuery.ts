import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { AlertView } from "@/lib/domain/alerts/types";

/** GET /api/alerts?state=… — live panel: refreshed every 10 s like the board. */
export function useAlertsQuery(state: "firing" | "silenced" | "resolved") {
  return useQuery({
    queryKey: queryKeys.alerts(state),
    queryFn: () => fetchJson<AlertView[]>(`/api/alerts?state=${state}`),
    refetchInterval: 10_000,
  });
}
