import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { CaseEvidence, ScenariosResponse } from "@/lib/domain/checks";

/**
 * Asks the server's verdict engine about this case (POST /api/deployments/{id}/scenarios): the
 * case's evidence findings join the checks; `probe` runs every probe afresh first.
 */
export function useVerdictMutation(deploymentId: string | undefined) {
  return useMutation({
    mutationFn: ({ probe, evidence }: { probe: boolean; evidence: CaseEvidence[] }) =>
      fetchJson<ScenariosResponse>(`/api/deployments/${deploymentId}/scenarios`, {
        method: "POST",
        body: JSON.stringify({ probe, evidence }),
      }),
  });
}
