import "server-only";
import type { CheckEvidence } from "@/lib/domain/checks";
import { partLine, partsOf } from "@/lib/domain/source-parts";
import type { NodeRole } from "@/lib/domain/types";
import type { CheckContext, CheckNode, CheckOutcome, ProbeReading, SourceReading } from "./types";

// Helpers every check shares: evidence with source and age, and the rule that missing or stale
// data (or a probe that did not run) is "unknown", never "pass".

export const nodesOf = (ctx: CheckContext, role: NodeRole): CheckNode[] => ctx.nodes.filter((n) => n.role === role);

export function ev(r: SourceReading, label: string, value: string): CheckEvidence {
  return { label, value, source: `${r.node.name} · ${r.source}`, ageMs: r.ageMs };
}

export function probeEv(p: ProbeReading, label: string, value: string): CheckEvidence {
  return { label, value, source: p.label, ageMs: p.ageMs };
}

export const isUsable = (r: SourceReading): boolean => r.data !== null && !r.stale;

/** Why a reading cannot be trusted, for the evidence list. */
export function whyUnusable(r: SourceReading): CheckEvidence {
  const last = r.lastOutcome
    ? `last poll ${r.lastOutcome}${r.lastMessage ? `: ${r.lastMessage}` : ""}`
    : "never polled";
  const what = r.data === null ? "no data" : "stale data (no successful poll within three intervals)";
  return ev(r, "data", `${what}; ${last}`);
}

/** The unknown outcome for readings that cannot be used; null when all are usable. */
export function unknownIfUnusable(readings: SourceReading[]): CheckOutcome | null {
  const bad = readings.filter((r) => !isUsable(r));
  if (!bad.length) return null;
  return {
    status: "unknown",
    summary: `No fresh data from ${[...new Set(bad.map((r) => `${r.node.name} (${r.source})`))].join(", ")}.`,
    evidence: bad.map(whyUnusable),
    items: bad.map((r) => ({
      node: r.node.name,
      reason: r.data === null ? `no data (${r.source})` : `stale data (${r.source})`,
    })),
    waitingOn: [...new Set(bad.map((r) => r.source))],
    fix: [
      "Open the deployment page: the source's last poll outcome says why there is no fresh data (timeout, auth, tls…).",
      "Settings > Deployments > the node > Test connection, then Poll now.",
    ],
  };
}

/**
 * The unknown outcome for single-part sources the box does not have ("not available on this
 * version", in its own words): their empty value must never read as "no tunnels" or "no rules".
 */
export function unknownIfNotAvailable(readings: SourceReading[]): CheckOutcome | null {
  const missing = readings.flatMap((r) => partsOf(r.data).map((p) => ({ r, p })));
  if (!missing.length) return null;
  return {
    status: "unknown",
    summary: `Not readable on ${[...new Set(missing.map(({ r }) => r.node.name))].join(", ")}: ${missing.map(({ p }) => partLine(p)).join("; ")}.`,
    evidence: missing.map(({ r, p }) => ev(r, p.part, partLine(p))),
    fix: [
      "Download the support bundle from the deployment page and send it to the Edgescope maintainers: it shows what this version answers instead.",
    ],
  };
}

/** The unknown outcome for a probe without a usable result; null when the probe is usable. */
export function unknownIfNoProbe(p: ProbeReading, configure: string): CheckOutcome | null {
  if (p.result !== null && !p.stale) return null;
  const why = p.missing ?? (p.result === null ? "no result" : "the last result is too old");
  return {
    status: "unknown",
    summary: `${p.label}: ${why}.`,
    evidence: [probeEv(p, "probe", why)],
    // "not probed yet", "configure the outside resolver of the deployment": the why, without its how.
    items: [{ node: null, reason: why.split(": ")[0]! }],
    fix: p.missing?.startsWith("configure")
      ? [`In Settings, ${configure}.`]
      : ["Run the probes again (engineer: Run probes on the checks view)."],
  };
}

export const noEvidenceUnknown = (summary: string, fix: string[]): CheckOutcome => ({
  status: "unknown",
  summary,
  evidence: [],
  fix,
});
