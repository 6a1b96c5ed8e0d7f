import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { ChannelView } from "@/lib/domain/alerts/types";

/** Refreshed every 30 s: a channel that starts failing shows without a reload. */
export function useAlertChannelsQuery() {
  return useQuery({
    queryKey: queryKeys.alertChannels(),
    queryFn: () => fetchJson<ChannelView[]>("/api/alerts/channels"),
    refetchInterval: 30_000,
  });
}
