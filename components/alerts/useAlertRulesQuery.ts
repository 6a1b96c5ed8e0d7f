import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { RuleView } from "@/lib/domain/alerts/types";

export function useAlertRulesQuery() {
  return useQuery({ queryKey: queryKeys.alertRules(), queryFn: () => fetchJson<RuleView[]>("/api/alerts/rules") });
}
