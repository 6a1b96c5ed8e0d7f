import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ChecksResponse, ScenariosResponse } from "@/lib/domain/checks";
import type { SessionUser } from "@/lib/domain/roles";

/** Checks with cached probe results, refreshed with the live panels. */
export function useChecksQuery(id: string) {
  return useQuery({ queryKey: ["deployment:checks", { id }], queryFn: () => fetchJson<ChecksResponse>(`/api/deployments/${id}/checks`), refetchInterval: 30_000 });
}

export function useScenariosQuery(id: string) {
  return useQuery({ queryKey: ["deployment:scenarios", { id }], queryFn: () => fetchJson<ScenariosResponse>(`/api/deployments/${id}/scenarios`), refetchInterval: 30_000 });
}

/** Runs every probe afresh now (engineer; a POST, never a reused result) and shows the answer in place of the cached one. */
export function useRunProbesMutation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ChecksResponse>(`/api/deployments/${id}/checks`, { method: "POST" }),
    onSuccess: (data) => {
      qc.setQueryData(["deployment:checks", { id }], data);
      return qc.invalidateQueries({ queryKey: ["deployment:scenarios", { id }] });
    },
  });
}

export function useMeQuery() {
  return useQuery({ queryKey: ["me"], queryFn: () => fetchJson<{ user: SessionUser }>("/api/auth/me"), staleTime: 300_000 });
}
