import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { Role } from "@/lib/domain/roles";

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  /** The secret; the server shows it this once. */
  token: string;
}

export function useCreateTokenMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role; expiresAt?: string }) =>
      fetchJson<CreatedToken>("/api/tokens", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}
