import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { Role } from "@/lib/domain/roles";

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
}

export function useTokensQuery() {
  return useQuery({ queryKey: queryKeys.tokens(), queryFn: () => fetchJson<TokenRow[]>("/api/tokens") });
}
