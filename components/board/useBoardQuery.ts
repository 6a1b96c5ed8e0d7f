import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { BoardResponse } from "@/lib/domain/api-types";

/** The wall screen: refreshed every 10 s, keeping the last answer on screen meanwhile. */
export function useBoardQuery() {
  return useQuery({ queryKey: ["board"], queryFn: () => fetchJson<BoardResponse>("/api/board"), refetchInterval: 10_000 });
}
