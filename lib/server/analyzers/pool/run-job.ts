import "server-only";
import { parentPort } from "node:worker_threads";
import type { EvidenceAnalysis } from "@/lib/domain/evidence-details";
import { AppError } from "@/lib/server/http/app-error";
import { getAnalyzer, type AnalyzeOptions } from "../index";

// The worker side of the analysis pool: one job = one uploaded file through one analyzer.
// Errors cross the thread boundary as plain data, because a structured clone of an error
// keeps neither its class nor its status and code.

export interface AnalysisJob {
  id: number;
  kind: string;
  /** The uploaded bytes, transferred (not copied) from the request. */
  bytes: ArrayBuffer;
  options: AnalyzeOptions;
}

export type AnalysisOutcome =
  | { ok: true; result: EvidenceAnalysis }
  | { ok: false; status: number; code: string; message: string };

/** Sent before the analyzer runs, so the pool times the job from its start, not from when it was queued. */
export interface JobStarted {
  analysisJobStarted: number;
}

export function runAnalysisJob(job: AnalysisJob): AnalysisOutcome {
  parentPort?.postMessage({ analysisJobStarted: job.id } satisfies JobStarted);
  const analyzer = getAnalyzer(job.kind);
  if (!analyzer) return { ok: false, status: 404, code: "not_found", message: `No analyzer for ${job.kind}` };
  try {
    return { ok: true, result: analyzer.analyze(Buffer.from(job.bytes), job.options) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, status: err.status, code: err.code, message: err.message };
    throw err;
  }
}
