import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { CertificatesResponse } from "@/lib/domain/certificates";

/** "Audit now" (engineer): POST /api/certificates handshakes every address afresh; the answer replaces the cached list. */
export function useAuditCertificatesMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<CertificatesResponse>("/api/certificates", { method: "POST" }),
    onSuccess: (data) => qc.setQueryData(queryKeys.certificates(), data),
  });
}
