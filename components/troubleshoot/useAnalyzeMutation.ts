import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { AnalysisResult, EvidenceKind } from "@/lib/domain/findings";

/** Sends one file, as the raw body, to its analyzer. Nothing is stored on the server. */
export function useAnalyzeMutation() {
  return useMutation({
    mutationFn: async ({ kind, file, joinUrl }: { kind: EvidenceKind; file: File; joinUrl?: string }) =>
      fetchJson<AnalysisResult>(`/api/analyze/${kind}${joinUrl ? `?joinUrl=${encodeURIComponent(joinUrl)}` : ""}`, {
        method: "POST",
        body: await file.arrayBuffer(),
        headers: { "content-type": "application/octet-stream" },
      }),
  });
}

/** A first guess from the file name; the analyzer still checks the content and says if it is wrong. */
export function kindFromName(name: string): EvidenceKind {
  const n = name.toLowerCase().replace(/\.gz$/, "");
  if (/\.(pcapng|pcap|cap)$/.test(n)) return "pcap";
  if (n.endsWith(".har")) return "har";
  if (n.endsWith(".json")) return "webrtc-internals";
  return "cms-log";
}
