import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { BoardAlertMarks } from "@/lib/domain/alerts/types";

/** The board's bells and maintenance stripes, refreshed with the board. */
export function useAlertMarksQuery() {
  return useQuery({
    queryKey: queryKeys.alertMarks(),
    queryFn: () => fetchJson<BoardAlertMarks>("/api/alerts/board"),
    refetchInterval: 10_000,
  });
}
