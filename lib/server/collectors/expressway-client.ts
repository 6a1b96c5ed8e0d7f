import "server-only";
import type { PartNote } from "@/lib/domain/source-parts";
import { FULL_STATUS_PATH } from "@/lib/domain/sources/expressway-system";
import { getxmlPath, parseGetxmlDoc } from "@/lib/server/parsing/cuil";
import { fail, ok, type PollFailure, type Result } from "@/lib/server/transport/failure";
import type { NodeEndpoint } from "@/lib/server/transport/endpoint";
import type { Traced } from "./types";
import { getText } from "@/lib/server/transport/http-client";

// How every Expressway source reads a location: getxml first; when the box refuses that XPath
// (Fault/XPathError: getxml may not serve every sub-path on its own [I]), the same location from
// the whole /status.xml tree [C], which holds every /Status subtree. A location found in neither
// fails with `notAvailable` (the box's words), which a collector records as "not available on
// this version" rather than a failed poll.

export interface CuilText {
  /** A document in which `location` is found: the getxml answer or the whole status tree */
  body: string;
  via: "getxml" | "status.xml";
}

export async function getCuilText(endpoint: NodeEndpoint, location: string): Promise<Result<CuilText>> {
  const res = await getText(endpoint, getxmlPath(location));
  if (!res.ok) return res;
  const doc = parseGetxmlDoc(res.value.body, location);
  if (doc.ok || !doc.failure.notAvailable) return ok({ body: res.value.body, via: "getxml" });
  const refusal = doc.failure;
  // /status.xml has the status tree only: a /Configuration location has no fallback.
  if (!location.startsWith("/Status/")) return { ok: false, failure: refusal };
  const full = await getText(endpoint, FULL_STATUS_PATH);
  if (!full.ok) return { ok: false, failure: refusal };
  const inFull = parseGetxmlDoc(full.value.body, location);
  if (inFull.ok) return ok({ body: full.value.body, via: "status.xml" });
  return fail("parse", `${refusal.message}; /status.xml has no ${location} either`, {
    path: location,
    excerpt: refusal.excerpt,
    notAvailable: refusal.notAvailable,
  });
}

/** The part note for a failed part: "unavailable" when the box said it has no such location. */
export function partNote(part: string, location: string, f: PollFailure): PartNote {
  return f.notAvailable !== undefined
    ? { part, location, state: "unavailable", reason: f.notAvailable }
    : { part, location, state: "failed", reason: `${f.kind}: ${f.message}` };
}

/**
 * A single-part source's reading: the parsed value, or — when the box has no such location —
 * `empty` with a part note saying so (an ok poll), or the failure. `matched` says where the
 * location was read (getxml or the whole status.xml), for the support bundle.
 */
export async function readCuilSource<T extends object>(
  endpoint: NodeEndpoint,
  location: string,
  part: string,
  parse: (xml: string) => Result<T & Traced>,
  empty: T,
): Promise<Result<T & Traced>> {
  const res = await getCuilText(endpoint, location);
  if (!res.ok)
    return res.failure.notAvailable !== undefined
      ? ok({ ...empty, parts: [partNote(part, location, res.failure)], matched: { [location]: "not available" } })
      : res;
  const parsed = parse(res.value.body);
  return parsed.ok ? ok({ ...parsed.value, matched: { ...parsed.value.matched, [location]: res.value.via } }) : parsed;
}
