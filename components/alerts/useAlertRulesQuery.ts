import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RuleView } from "@/lib/domain/alerts/types";

export function useAlertRulesQuery() {
  return useQuery({ queryKey: ["alerts:rules"], queryFn: () => fetchJson<RuleView[]>("/api/alerts/rules") });
}
