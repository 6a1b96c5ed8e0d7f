import type { PartNote } from "../source-parts";
import type { SnapshotLatest } from "./snapshot";

// Expressway call licence usage on Expressway-C and -E: calls in use per licence kind against the
// licensed count the box reports (docs/capacity.md). Wire format: below. A count a version does not
// report is null ("not exposed by this version"), never a failed poll.
export const id = "expressway.call-licences";
export type Id = typeof id;

export const LICENCE_KINDS = ["traversal", "nonTraversal"] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const LICENCE_KIND_LABELS: Record<LicenceKind, string> = {
  traversal: "traversal calls",
  nonTraversal: "non-traversal calls",
};

/** One licence kind at one poll; null where this version's status tree has no such element. */
export interface LicenceUsage {
  current: number | null;
  /** Highest concurrent count since the box's counters were last reset (Cisco's "peak"). */
  peak: number | null;
  licensed: number | null;
}
export interface Content {
  traversal: LicenceUsage;
  nonTraversal: LicenceUsage;
  parts?: PartNote[];
}
export type Latest = SnapshotLatest<Content>;

// ---- Wire format (what the device answers; the lab serves the same) ----
// Usage: /Status/ResourceUsage/Calls/{Traversal,NonTraversal}/{Current,Max,Total} — element names [C]
// from a real X8.11.3 status.xml (jasonneurohr/py-expressway tests/status.xml) and polled by
// centreon-plugins network/cisco/vcs/restapi/mode/calls.pm (getxml?location=/Status/ResourceUsage/Calls).
// Licensed counts: /Status/SystemUnit/Software/Configuration/{TraversalCalls,NonTraversalCalls} —
// element names [C] from the same status.xml; that they are the licensed counts is [I] (Cisco does
// not document status.xml elements; py-expressway's get_license_detail() reads them as
// traversal_limit / non_traversal_limit beside the Current counts). Which element an X8.1+
// Expressway's rich media session licences land in, and whether Smart Licensing (X12.6+, only mode
// from X14.2) still fills them, is not documented anywhere public [I]: absent or 0 is "no count".
// No element for licensed TURN relays was found in any public payload or Cisco document.
export const CALLS_USAGE = {
  location: "/Status/ResourceUsage/Calls",
  kinds: { traversal: "Traversal", nonTraversal: "NonTraversal" },
  current: "Current",
  peak: "Max",
} as const;
export const LICENSED = {
  location: "/Status/SystemUnit/Software/Configuration",
  kinds: { traversal: "TraversalCalls", nonTraversal: "NonTraversalCalls" },
} as const;
