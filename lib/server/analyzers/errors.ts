import "server-only";
import type { EvidenceKind } from "@/lib/domain/findings";
import { AppError } from "@/lib/server/http/app-error";

// The only errors an analyzer throws on purpose. They extend AppError so the shared route
// wrapper answers with their status and message as they are: the message is written for the
// engineer who dropped the file ("this is not a HAR file: no log.entries").

/** The bytes are not the kind of evidence they were sent as (or are damaged beyond reading). */
export class EvidenceFormatError extends AppError {
  override readonly name = "EvidenceFormatError";
  constructor(
    readonly kind: EvidenceKind,
    message: string,
  ) {
    super(422, "evidence_format", message);
  }
}

/** The file is over the analyzer's size limit (see maxBytes in the registry). */
export class EvidenceTooLargeError extends AppError {
  override readonly name = "EvidenceTooLargeError";
  constructor(
    readonly kind: EvidenceKind,
    readonly limitBytes: number,
    message: string,
  ) {
    super(413, "evidence_too_large", message);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
