import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError } from "@/lib/client/fetch-json";
import type { ApiError } from "@/lib/domain/api-types";
import type { AnalysisResult, EvidenceKind } from "@/lib/domain/findings";

/** Where a long upload is: bytes sent, then the server analysing (it reports no progress of its own). */
export type AnalyzeProgress =
  | { phase: "upload"; sent: number; total: number }
  | { phase: "analysis"; since: number }
  | null;

/** XMLHttpRequest, not fetch: only it reports upload progress. */
function send(url: string, file: File, onProgress: (p: AnalyzeProgress) => void): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) =>
      onProgress({ phase: "upload", sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: "analysis", since: Date.now() });
    xhr.onerror = () =>
      reject(
        new ApiRequestError(
          0,
          "network",
          "The Edgescope server did not answer. Check that it is running and reachable.",
        ),
      );
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as AnalysisResult);
      const err = (body as ApiError | null)?.error;
      reject(
        new ApiRequestError(xhr.status, err?.code ?? "http", err?.message ?? `The server answered HTTP ${xhr.status}.`),
      );
    };
    xhr.send(file);
  });
}

/** Sends one file, as the raw body, to its analyzer, with progress. Nothing is stored on the server. */
export function useAnalyzeMutation() {
  const [progress, setProgress] = useState<AnalyzeProgress>(null);
  const mutation = useMutation({
    mutationFn: ({ kind, file, joinUrl }: { kind: EvidenceKind; file: File; joinUrl?: string }) =>
      send(`/api/analyze/${kind}${joinUrl ? `?joinUrl=${encodeURIComponent(joinUrl)}` : ""}`, file, setProgress),
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
