import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { CertificatesResponse } from "@/lib/domain/certificates";

/** Every certificate of every deployment; `probe` (engineer) handshakes now instead of reading cached audits. */
export function useCertificatesQuery(probe: boolean) {
  return useQuery({ queryKey: ["certificates", { probe }], queryFn: () => fetchJson<CertificatesResponse>(`/api/certificates${probe ? "?probe=1" : ""}`) });
}
