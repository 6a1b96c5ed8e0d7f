import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { MaintenanceView } from "@/lib/domain/alerts/types";

export function useMaintenanceQuery() {
  return useQuery({
    queryKey: queryKeys.maintenance(),
    queryFn: () => fetchJson<MaintenanceView[]>("/api/maintenance"),
    refetchInterval: 60_000,
  });
}
