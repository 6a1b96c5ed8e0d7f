import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { SessionUser } from "@/lib/domain/roles";

/** The signed-in user (GET /api/auth/me); the role changes rarely within a page's life. */
export function useMeQuery() {
  return useQuery({
    queryKey: queryKeys.me(),
    queryFn: () => fetchJson<{ user: SessionUser }>("/api/auth/me"),
    staleTime: 300_000,
  });
}
