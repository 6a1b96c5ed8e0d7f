import "server-only";
import { parentPort } from "node:worker_threads";
import type {
  CmsLogAnalysis,
  EvidenceAnalysis,
  HarAnalysis,
  PcapAnalysis,
  WebrtcInternalsAnalysis,
} from "@/lib/domain/evidence-details";
import type { EvidenceKind } from "@/lib/domain/findings";
import { AppError } from "@/lib/server/http/app-error";
import { analyzeCmsLog } from "./cms-log";
import { evidenceBytes } from "./evidence-input";
import { analyzeHar } from "./har";
import { analyzePcap } from "./pcap/analyze-capture";
import { analyzeWebrtcInternals } from "./webrtc-internals";

// The evidence analyzers, one entry each: analyze(bytes) → findings tied to T1–T4 with the
// fix. Route handlers and the troubleshooting view read capabilities from here (title, accepted
// files, size limit) and never branch on the id; an analysis worker thread (pool/analysis-pool.ts)
// runs runAnalysisJob from here. Nothing here stores anything.

export { EvidenceFormatError, EvidenceTooLargeError } from "./errors";
export { guessEvidenceKind } from "./evidence-input";

export interface AnalyzeOptions {
  /** The deployment's Join URL; the HAR analyzer otherwise guesses it from the traffic. */
  joinUrl?: string;
}

export interface EvidenceAnalyzer<R extends EvidenceAnalysis = EvidenceAnalysis> {
  id: EvidenceKind;
  title: string;
  /** One line for the drop zone: what to collect and where. */
  description: string;
  /** Hints for file pickers and drop zones; the analyzer still checks the content itself. */
  accepts: { extensions: string[]; mimeTypes: string[] };
  /** Larger uploads are refused with EvidenceTooLargeError (413); also bounds the unpacked size of .gz files. */
  maxBytes: number;
  /**
   * Synchronous and single-pass. Throws EvidenceFormatError (422) when the bytes are not this
   * kind of evidence and EvidenceTooLargeError (413) over maxBytes; damaged-but-readable files
   * give a partial result with `notes` instead.
   */
  analyze(input: Buffer, options?: AnalyzeOptions): R;
}

const MB = 1024 * 1024;

/** Each analyzer reads the upload's bytes bounded by its limit and, if gzipped, unpacked. */
function limited<R extends EvidenceAnalysis>(
  id: EvidenceKind,
  maxBytes: number,
  run: (bytes: Buffer, options: AnalyzeOptions) => R,
) {
  return (input: Buffer, options: AnalyzeOptions = {}): R => run(evidenceBytes(id, input, maxBytes), options);
}

// Why these limits: CMS event logs are text read line by line; days of syslog at normal
// verbosity stay in single-digit MB, and 32 MB still analyses in well under a second.
const CMS_LOG_MAX = 32 * MB;
// Dumps and HARs are parsed whole with JSON.parse, which holds several times the file size on the
// heap; 64 MB keeps that well under 1 GB. A longer call's dump is tens of MB; a HAR beyond this
// usually carries response bodies — export it "sanitized"/without content instead.
const JSON_EVIDENCE_MAX = 64 * MB;
// Captures are read in place (never copied) with bounded tracking state; an Expressway-E
// diagnostic tcpdump of a reproduced call is tens to a few hundred MB. Filter bigger ones with
// `tcpdump -r in.pcap -w out.pcap udp` first.
const PCAP_MAX = 256 * MB;

export const cmsLogAnalyzer: EvidenceAnalyzer<CmsLogAnalysis> = {
  id: "cms-log",
  title: "CMS event log",
  description:
    "Meeting Server Logs > Event logs (copied from the web UI) or its syslog; finds ICE failure 4 (T1) and web bridge link failures (T2).",
  accepts: {
    extensions: [".log", ".txt", ".tsv", ".gz"],
    mimeTypes: ["text/plain", "text/tab-separated-values", "application/gzip"],
  },
  maxBytes: CMS_LOG_MAX,
  analyze: limited("cms-log", CMS_LOG_MAX, analyzeCmsLog),
};

export const webrtcInternalsAnalyzer: EvidenceAnalyzer<WebrtcInternalsAnalysis> = {
  id: "webrtc-internals",
  title: "webrtc-internals dump",
  description:
    'chrome://webrtc-internals → "Create dump" while joining; shows relay candidates, TURN errors 401/431/701 and ICE pairs (T1, T3).',
  accepts: { extensions: [".json", ".txt", ".gz"], mimeTypes: ["application/json", "text/plain", "application/gzip"] },
  maxBytes: JSON_EVIDENCE_MAX,
  analyze: limited("webrtc-internals", JSON_EVIDENCE_MAX, analyzeWebrtcInternals),
};

export const harAnalyzer: EvidenceAnalyzer<HarAnalysis> = {
  id: "har",
  title: "HAR file",
  description:
    "Browser developer tools → Network → Save all as HAR, recorded while joining; checks the Join URL, the websocket and redirects.",
  accepts: {
    extensions: [".har", ".json", ".gz"],
    mimeTypes: ["application/json", "application/har+json", "application/gzip"],
  },
  maxBytes: JSON_EVIDENCE_MAX,
  analyze: limited("har", JSON_EVIDENCE_MAX, analyzeHar),
};

export const pcapAnalyzer: EvidenceAnalyzer<PcapAnalysis> = {
  id: "pcap",
  title: "Packet capture",
  description:
    "pcap or pcapng from the client, Expressway-E or CMS; reads every STUN/TURN message (Allocate errors: T1, unanswered relay checks: T3).",
  accepts: {
    extensions: [".pcap", ".pcapng", ".cap", ".dmp", ".gz"],
    mimeTypes: ["application/vnd.tcpdump.pcap", "application/x-pcapng", "application/octet-stream", "application/gzip"],
  },
  maxBytes: PCAP_MAX,
  analyze: limited("pcap", PCAP_MAX, analyzePcap),
};

export const ANALYZERS: readonly EvidenceAnalyzer[] = [
  cmsLogAnalyzer,
  webrtcInternalsAnalyzer,
  harAnalyzer,
  pcapAnalyzer,
];

export function getAnalyzer(id: string): EvidenceAnalyzer | undefined {
  return ANALYZERS.find((a) => a.id === id);
}

// The worker side of the analysis pool: one job = one uploaded file through one analyzer. The
// pool's worker threads load this module and call runAnalysisJob. Errors cross the thread
// boundary as plain data, because a structured clone of an error keeps neither its class nor
// its status and code.

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
