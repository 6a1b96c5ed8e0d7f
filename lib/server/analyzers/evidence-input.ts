import "server-only";
import { gunzipSync } from "node:zlib";
import type { EvidenceKind } from "@/lib/domain/findings";
import { EvidenceFormatError, EvidenceTooLargeError, formatBytes } from "./errors";
import { detectCaptureFormat } from "./pcap/capture-reader";

// Turns uploaded bytes into text or JSON for the analyzers, and recognises what a file really
// is, so that "not a HAR file" can add "it looks like a packet capture" — the usual mistake
// is dropping the right file on the wrong analyzer.

const LABELS: Record<EvidenceKind, string> = {
  "cms-log": "a CMS event log",
  "webrtc-internals": "a webrtc-internals dump",
  har: "a HAR file",
  pcap: "a packet capture",
};

/** How far into a file we look to recognise it; enough for HAR/dump headers, cheap on 256 MB. */
const SNIFF_BYTES = 256 * 1024;
const TIMESTAMPED =
  /^(?:\d{4}-\d{2}-\d{2}[\t T]+\d{1,2}:\d{2}:\d{2}|(?:<\d{1,3}>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2})/m;

/**
 * The bytes an analyzer reads: refused over the kind's limit, and a .gz upload unpacked (people
 * compress big dumps and HARs), never beyond that limit. Every analyzer starts here, once.
 */
export function evidenceBytes(kind: EvidenceKind, input: Buffer, maxBytes: number): Buffer {
  if (input.length > maxBytes) {
    throw new EvidenceTooLargeError(
      kind,
      maxBytes,
      `The file is ${formatBytes(input.length)}; ${LABELS[kind]} may be at most ${formatBytes(maxBytes)}.`,
    );
  }
  return isGzip(input) ? gunzip(kind, input, maxBytes) : input;
}

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0x1f && buf[1] === 0x8b && buf[2] === 8;
}

function gunzip(kind: EvidenceKind, buf: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(buf, { maxOutputLength: maxBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new EvidenceTooLargeError(
        kind,
        maxBytes,
        `The file unpacks to more than ${formatBytes(maxBytes)}, the limit for ${LABELS[kind]}.`,
      );
    }
    throw new EvidenceFormatError(kind, `The gzip data is damaged or cut short (${(err as Error).message}).`);
  }
}

/** UTF-8 by default; UTF-16 when it has a byte order mark (Windows editors save logs that way). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const even = buf.subarray(2, 2 + ((buf.length - 2) & ~1));
    return Buffer.from(even).swap16().toString("utf16le");
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.subarray(start).toString("utf8");
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > n / 20;
}

/** What the bytes look like, from their start only; null when nothing fits. */
export function guessEvidenceKind(input: Buffer): EvidenceKind | null {
  if (detectCaptureFormat(input) !== null) return "pcap";
  if (isGzip(input)) return null;
  const hasBom = input[0] === 0xff || input[0] === 0xfe;
  if (!hasBom && looksBinary(input)) return null;
  const head = decodeText(input.subarray(0, SNIFF_BYTES));
  const start = head.trimStart();
  if (start.startsWith("{")) {
    if (/"PeerConnections"\s*:/.test(head)) return "webrtc-internals";
    if (/"log"\s*:/.test(head) && /"entries"\s*:/.test(head)) return "har";
    return null;
  }
  return TIMESTAMPED.test(head.slice(0, 64 * 1024)) ? "cms-log" : null;
}

/** A sentence to append to a format error: what the file seems to be instead. */
export function kindHint(input: Buffer, expected: EvidenceKind): string {
  if (isGzip(input)) return "";
  const kind = guessEvidenceKind(input);
  if (kind !== null && kind !== expected) return ` It looks like ${LABELS[kind]}: drop it on that analyzer instead.`;
  if (input.length === 0) return " The file is empty.";
  if (looksBinary(input)) {
    const hex = Array.from(input.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
    return ` It is binary data (first bytes ${hex}).`;
  }
  return "";
}

/** Parses a JSON evidence file; any parse problem becomes a sentence a person can act on. */
export function parseJsonEvidence(kind: EvidenceKind, label: string, buf: Buffer): unknown {
  const text = decodeText(buf);
  if (!/^\s*[[{]/.test(text.slice(0, 4096))) {
    throw new EvidenceFormatError(kind, `This is not ${label}: it is not JSON.${kindHint(buf, kind)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const cut = /end of (?:JSON )?input|Unterminated/i.test(why) ? " The file seems cut short — export it again." : "";
    throw new EvidenceFormatError(kind, `This is not valid JSON, so it cannot be read as ${label} (${why}).${cut}`);
  }
}

export function labelFor(kind: EvidenceKind): string {
  return LABELS[kind];
}
