import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { BoardAlertMarks } from "@/lib/domain/alerts/types";

/** The board's bells and maintenance stripes, refreshed with the board. */
export function useAlertMarksQuery() {
  return useQuery({ queryKey: ["alerts:board"], queryFn: () => fetchJson<BoardAlertMarks>("/api/alerts/board"), refetchInterval: 10_000 });
}
