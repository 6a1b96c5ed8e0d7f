import "server-only";
import type { PollFailureKind } from "@/lib/domain/types";

/** Why fetching or reading a source failed, in words an operator can act on. */
export interface PollFailure {
  kind: PollFailureKind;
  message: string;
  /** Element path for parse failures, e.g. /Status/ResourceUsage/TURN/Relays/Current */
  path?: string;
  /** A short piece of the offending payload */
  excerpt?: string;
  /** HTTP status when the node answered with one (lets a collector treat e.g. 404 as "absent") */
  httpStatus?: number;
  /** Set when the box says it has no such location (Expressway XPathError, CMS 404): its own words */
  notAvailable?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: PollFailure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  kind: PollFailureKind,
  message: string,
  extra: Omit<PollFailure, "kind" | "message"> = {},
): Result<T> => ({
  ok: false,
  failure: { kind, message, ...extra },
});

const EXCERPT_CHARS = 160;
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}
