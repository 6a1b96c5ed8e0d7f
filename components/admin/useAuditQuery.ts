import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";

export interface AuditRow {
  id: number;
  ts: string;
  username: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  outcome: string;
}

/** The newest audit entries (GET /api/audit), refreshed every 30 s. */
export function useAuditQuery() {
  return useQuery({
    queryKey: queryKeys.audit(),
    queryFn: () => fetchJson<AuditRow[]>("/api/audit?limit=200"),
    refetchInterval: 30_000,
  });
}
