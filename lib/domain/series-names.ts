// Names of the numeric series kept in rollups: "relay" per Expressway-E node, "load" per Meeting
// Server, and "<kind>:<host>" per TURN host a CMS reports. The collector writes them, the history reads them (in SQL for raw
// samples too) and splits them back into lines, all through these helpers.

/** An Expressway-E's current TURN relay count. */
export const RELAY_SERIES = "relay";

/** A Meeting Server's media processing load (system/load). */
export const LOAD_SERIES = "load";

/** An Expressway's calls in use per licence kind (rollups only; History's call licence chart). */
export const CALL_LICENCE_SERIES = { traversal: "calls-traversal", nonTraversal: "calls-nontraversal" } as const;

/** Per-host series kinds: round-trip time and allocations CMS reports per turnServer host. */
export type HostSeriesKind = "rtt" | "alloc";

/** The prefix every series of a kind starts with (what a rollup read matches). */
export const hostSeriesPrefix = (kind: HostSeriesKind): string => `${kind}:`;

/** The series of one host, e.g. "rtt:10.0.0.36". */
export const hostSeries = (kind: HostSeriesKind, host: string): string => `${hostSeriesPrefix(kind)}${host}`;

/** The host of a per-host series (everything after the first colon, so IPv6 stays whole); null for a node-wide one. */
export function hostOfSeries(series: string): string | null {
  const colon = series.indexOf(":");
  return colon < 0 ? null : series.slice(colon + 1);
}
