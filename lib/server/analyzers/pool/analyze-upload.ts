import "server-only";
import type { NextRequest } from "next/server";
import type { EvidenceAnalysis } from "@/lib/domain/evidence-details";
import { readRawBody } from "@/lib/server/http/raw-body";
import { errorResponse } from "@/lib/server/http/respond";
import type { AnalyzeOptions, EvidenceAnalyzer } from "../index";
import { AnalysisBusyError, getAnalysisPool } from "./analysis-pool";

/**
 * Reads an upload and analyses it in the pool. The place is taken before the body is read, so
 * when the pool is full a 256 MB upload is refused at once instead of buffered and then refused.
 */
export async function analyzeUpload(
  req: NextRequest,
  analyzer: EvidenceAnalyzer,
  options: AnalyzeOptions,
): Promise<{ result: EvidenceAnalysis; bytes: number }> {
  const pool = getAnalysisPool();
  const release = pool.reserve();
  try {
    const input = await readRawBody(req, analyzer.maxBytes, analyzer.title);
    const bytes = input.length; // read now: the buffer is handed over to the worker
    return { result: await pool.run(analyzer.id, input, options), bytes };
  } finally {
    release();
  }
}

/** The 429 answer with its Retry-After header; null for any other error. */
export function busyResponse(err: unknown): Response | null {
  if (!(err instanceof AnalysisBusyError)) return null;
  const res = errorResponse(err);
  res.headers.set("Retry-After", String(err.retryAfterSeconds));
  return res;
}
