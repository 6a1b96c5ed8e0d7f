// A source built from several requests keeps what it got: each part it could not read is listed
// with why, so a view shows "not available on this version" in the box's own words instead of a
// red poll, and a check can fall back to what the other parts prove. Isomorphic (no I/O).

/**
 * unavailable: the box answered that it has no such location (Expressway <XPathError>, CMS 404):
 * a fact about this version, not a failure · failed: the request or its parsing failed this time.
 */
export type PartState = "unavailable" | "failed";

export interface PartNote {
  /** What the part gives, e.g. "settings" or "turnServer 1b2c… status" */
  part: string;
  /** The request location, e.g. "/Configuration/CollaborationEdge/CMS" */
  location: string;
  state: PartState;
  /** The box's own words (XPathError Reason, CMS failureDetails) or the failure message */
  reason: string;
}

/** One line per part, for a poll run's message and the deployment page. */
export function partLine(p: PartNote): string {
  const what = p.state === "unavailable" ? "not available on this version" : "could not be read";
  return `${p.part} (${p.location}) ${what}: ${p.reason}`;
}

export const partsMessage = (parts: readonly PartNote[]): string | null =>
  parts.length ? parts.map(partLine).join("; ") : null;

/** The parts of a stored value, whatever the source (a value without `parts` has none missing). */
export function partsOf(value: unknown): PartNote[] {
  const content =
    value && typeof value === "object" && "content" in value ? (value as { content: unknown }).content : value;
  const parts = content && typeof content === "object" ? (content as { parts?: unknown }).parts : undefined;
  return Array.isArray(parts) ? (parts as PartNote[]) : [];
}
