import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { Role } from "@/lib/domain/roles";

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function useUsersQuery() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: () => fetchJson<UserRow[]>("/api/users") });
}
