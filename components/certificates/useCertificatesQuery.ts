import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { CertificatesResponse } from "@/lib/domain/certificates";

export const certificatesKey = ["certificates"] as const;

/** Every certificate of every deployment, from the cached audits. */
export function useCertificatesQuery() {
  return useQuery({ queryKey: certificatesKey, queryFn: () => fetchJson<CertificatesResponse>("/api/certificates") });
}
