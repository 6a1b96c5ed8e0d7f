import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TurnRttResponse } from "@/lib/domain/api-types";

/** RTT per TURN host for the sparklines (V4), refreshed with the live panels. */
export function useTurnRttQuery(id: string, minutes = 60) {
  return useQuery({
    queryKey: ["deployment:turn-rtt", { id, minutes }],
    queryFn: () => fetchJson<TurnRttResponse>(`/api/deployments/${id}/turn-rtt?minutes=${minutes}`),
    refetchInterval: 10_000,
  });
}
