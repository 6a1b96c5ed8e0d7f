import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { BoardResponse } from "@/lib/domain/api-types";

/** The wall screen: refreshed every 10 s, keeping the last answer on screen meanwhile. */
export function useBoardQuery() {
  return useQuery({
    queryKey: queryKeys.board(),
    queryFn: () => fetchJson<BoardResponse>("/api/board"),
    refetchInterval: 10_000,
  });
}
