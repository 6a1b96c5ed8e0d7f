import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { ScenariosResponse } from "@/lib/domain/checks";

/** The verdict engine's T1–T4 answer over the checks (cached probes), refreshed with the live panels. */
export function useScenariosQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.scenarios(id),
    queryFn: () => fetchJson<ScenariosResponse>(`/api/deployments/${id}/scenarios`),
    refetchInterval: 30_000,
  });
}
