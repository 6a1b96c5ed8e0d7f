import "server-only";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import type { EvidenceAnalysis } from "@/lib/domain/evidence-details";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/server/http/app-error";
import type { AnalysisJob, AnalysisOutcome, AnalyzeOptions, JobStarted } from "../index";

// Evidence analysis runs in worker threads, never on the event loop that answers /api/health,
// the board and the poller: a 200 MB capture is seconds of CPU. piscina keeps the threads,
// replaces one that is stopped or dies, and applies the heap limit (resourceLimits). In front
// of it a plain counter bounds the uploads admitted (running + waiting) so a burst gets 429
// before its bodies are even read — piscina's own maxQueue does not count tasks that carry an
// AbortSignal, and each of ours does (the time limit).

/**
 * What a worker thread loads: the analyzers' TypeScript source, run through tsx (a runtime
 * dependency already), outside Next's bundle both under `next start` and in tests. Resolved
 * from the working directory: `next start` and the tests run from the project root, and the
 * bundle cannot carry this file.
 */
const WORKER_FILE = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/server/analyzers/index.ts");

/** How much lower the analysis threads' priority is than the event loop's (0 = same, 19 = lowest). */
export const ANALYSIS_NICE = 10;

export interface AnalysisPoolOptions {
  workers: number;
  /** Uploads that may wait for a free worker. */
  queue: number;
  timeLimitMs: number;
  memoryLimitMb: number;
}

export function poolOptionsFromEnv(env = getEnv()): AnalysisPoolOptions {
  // One core stays with the event loop (requests, poller); a second worker only from 3 cores on.
  const workers = env.EDGESCOPE_ANALYSIS_WORKERS ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
  return {
    workers,
    queue: env.EDGESCOPE_ANALYSIS_QUEUE,
    timeLimitMs: env.EDGESCOPE_ANALYSIS_TIME_LIMIT_MS,
    memoryLimitMb: env.EDGESCOPE_ANALYSIS_MEMORY_MB,
  };
}

/** Every worker and queue place is taken: 429 with a Retry-After. */
export class AnalysisBusyError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "analysis_busy", `The server is analysing other files; try again in ${retryAfterSeconds} s.`);
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export class AnalysisPool {
  readonly #piscina: Piscina<AnalysisJob, AnalysisOutcome>;
  readonly #startTimers = new Map<number, () => void>();
  #admitted = 0;
  #nextId = 1;
  /** Recent job duration (moving average), for Retry-After. */
  #typicalMs = 2000;

  constructor(readonly options: AnalysisPoolOptions) {
    this.#piscina = new Piscina<AnalysisJob, AnalysisOutcome>({
      filename: WORKER_FILE,
      name: "runAnalysisJob",
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb },
      // tsx compiles the TypeScript (with the tsconfig's "@/" paths, found from the working
      // directory); "server-only" resolves to its empty module under react-server, as in the
      // server bundle.
      execArgv: ["--conditions=react-server", "--import", "tsx"],
      // Lower CPU priority for analysis threads (Linux nice is per thread): when the cores are
      // busy, the event loop that answers health, the board and the poller goes first.
      niceIncrement: ANALYSIS_NICE,
    });
    this.#piscina.on("message", (m: JobStarted) => this.#startTimers.get(m?.analysisJobStarted)?.());
  }

  /** Takes a place (running or waiting) or throws AnalysisBusyError; call before reading the upload. */
  reserve(): () => void {
    if (this.#admitted >= this.options.workers + this.options.queue) throw new AnalysisBusyError(this.#retryAfter());
    this.#admitted++;
    let held = true;
    return () => {
      if (held) this.#admitted--;
      held = false;
    };
  }

  get admitted(): number {
    return this.#admitted;
  }

  /** Analyses in a worker; the time limit counts from the job's start in the worker, not its wait. */
  async run(kind: string, input: Buffer, options: AnalyzeOptions): Promise<EvidenceAnalysis> {
    const id = this.#nextId++;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let startedAt = 0;
    this.#startTimers.set(id, () => {
      startedAt = performance.now();
      timer = setTimeout(() => abort.abort(), this.options.timeLimitMs);
    });
    // Transfer the bytes when they own their memory (Buffer.concat of a large body does); copy otherwise.
    const owns =
      input.byteOffset === 0 && input.byteLength === input.buffer.byteLength && input.buffer instanceof ArrayBuffer;
    const bytes = owns
      ? (input.buffer as ArrayBuffer)
      : (input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer);
    try {
      const outcome = await this.#piscina.run(
        { id, kind, bytes, options },
        { transferList: [bytes], signal: abort.signal },
      );
      // The start notice comes on another port than the result and may arrive after it.
      if (startedAt > 0) this.#typicalMs = 0.7 * this.#typicalMs + 0.3 * (performance.now() - startedAt);
      if (!outcome.ok) throw new AppError(outcome.status, outcome.code, outcome.message);
      return outcome.result;
    } catch (err) {
      throw this.#explain(err, abort.signal.aborted);
    } finally {
      clearTimeout(timer);
      this.#startTimers.delete(id);
    }
  }

  #explain(err: unknown, timedOut: boolean): unknown {
    if (err instanceof AppError) return err;
    if (timedOut) {
      return new AppError(
        422,
        "analysis_time_limit",
        `Analysing this file took longer than ${seconds(this.options.timeLimitMs)}, the server's limit, so it was stopped. Send a shorter excerpt (e.g. filter a capture with \`tcpdump -r in.pcap -w out.pcap udp\`).`,
      );
    }
    if ((err as { code?: string })?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return new AppError(
        422,
        "analysis_memory_limit",
        `Analysing this file needed more than the ${this.options.memoryLimitMb} MB of memory an analysis may use, so it was stopped. Send a shorter excerpt.`,
      );
    }
    console.error("[edgescope] analysis worker failed:", err);
    return new AppError(
      500,
      "analysis_failed",
      "The analysis stopped unexpectedly; the details are in the server's log.",
    );
  }

  #retryAfter(): number {
    const waiting = Math.max(0, this.#admitted - this.options.workers) + 1;
    return Math.min(60, Math.max(1, Math.ceil((waiting * this.#typicalMs) / this.options.workers / 1000)));
  }

  /** Live threads (for tests: a stopped worker is replaced). */
  get threadIds(): number[] {
    return this.#piscina.threads.map((t) => t.threadId);
  }

  close(): Promise<void> {
    return this.#piscina.destroy();
  }
}

const holder = globalThis as unknown as { edgescopeAnalysisPool?: AnalysisPool };

/** The process's pool, made on first use (a dev-server reload keeps it). */
export function getAnalysisPool(): AnalysisPool {
  holder.edgescopeAnalysisPool ??= new AnalysisPool(poolOptionsFromEnv());
  return holder.edgescopeAnalysisPool;
}
