import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { CertificatesResponse } from "@/lib/domain/certificates";
import { certificatesKey } from "./useCertificatesQuery";

/** "Audit now" (engineer): POST /api/certificates handshakes every address afresh; the answer replaces the cached list. */
export function useAuditCertificatesMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<CertificatesResponse>("/api/certificates", { method: "POST" }),
    onSuccess: (data) => qc.setQueryData(certificatesKey, data),
  });
}
