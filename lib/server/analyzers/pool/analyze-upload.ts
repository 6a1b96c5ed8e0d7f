import "server-only";
import type { NextRequest } from "next/server";
import type { EvidenceAnalysis } from "@/lib/domain/evidence-details";
import { AppError } from "@/lib/server/http/app-error";
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
    const input = await readUpload(req, analyzer.maxBytes, analyzer.title);
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

/**
 * The uploaded file as bytes, refused with 413 as soon as it passes `maxBytes`. With a
 * Content-Length the bytes are copied into one buffer as they arrive: no final concat of up to
 * 256 MB in one go on the event loop (it showed as a half-second pause of every other request).
 */
async function readUpload(req: NextRequest, maxBytes: number, what: string): Promise<Buffer> {
  const tooLarge = () =>
    new AppError(
      413,
      "too_large",
      `${what} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB this analyzer accepts`,
    );
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError(400, "empty_body", `Send the ${what} as the request body`);
  // Its own memory (not the shared pool), so it can be handed to a worker thread without a copy.
  const whole = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafeSlow(declared) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const chunk = r.value;
    if (size + chunk.byteLength > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    if (whole) {
      if (size + chunk.byteLength > whole.length) {
        await reader.cancel();
        throw new AppError(400, "bad_length", `The ${what} is longer than its Content-Length`);
      }
      whole.set(chunk, size);
    } else chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
  }
  if (size === 0) throw new AppError(400, "empty_body", `Send the ${what} as the request body`);
  if (!whole) return Buffer.concat(chunks);
  // Fewer bytes than declared: the client stopped early; analyse what came.
  return size === whole.length ? whole : whole.subarray(0, size);
}
