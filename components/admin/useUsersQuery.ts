import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
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
  return useQuery({ queryKey: ["users"], queryFn: () => fetchJson<UserRow[]>("/api/users") });
}

/** One mutation hook for create/update/delete; each refreshes the list. */
export function useUserMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { method: "POST" | "PUT" | "DELETE"; id?: string; body?: unknown }) =>
      fetchJson(a.id ? `/api/users/${a.id}` : "/api/users", { method: a.method, body: a.body === undefined ? undefined : JSON.stringify(a.body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}
