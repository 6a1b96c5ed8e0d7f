import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { CertificatesResponse } from "@/lib/domain/certificates";

/** Every certificate of every deployment, from the cached audits. */
export function useCertificatesQuery() {
  return useQuery({
    queryKey: queryKeys.certificates(),
    queryFn: () => fetchJson<CertificatesResponse>("/api/certificates"),
  });
}
