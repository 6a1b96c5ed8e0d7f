import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { Settings } from "@/lib/domain/settings";

/** The server's settings (GET /api/settings): retention and the extra probe targets. */
export function useSettingsQuery() {
  return useQuery({ queryKey: queryKeys.settings(), queryFn: () => fetchJson<Settings>("/api/settings") });
}
