// Capacity limits and verdicts shared by the checks, the History forecast and the History media
// load and call licence charts. See docs/capacity.md.
import type { ChartReference } from "./api-types";

/**
 * TURN relays one Expressway-E can hold: Cisco's Expressway administrator guide (TURN
 * "Capabilities and limitations"; "Maximum licenses that a peer can use") gives 1800 relay
 * allocations for Small/Medium VMs and CE500/CE1100-medium, 6000 for a Large VM (6 ports × 1000).
 * The default is the smaller figure, so an unknown platform warns early rather than late.
 */
export const DEFAULT_TURN_RELAY_CAPACITY = 1800;
export const LARGE_TURN_RELAY_CAPACITY = 6000;

/** Share of capacity at which usage warns, and at which it fails (little room for a burst left). */
export const CAPACITY_WARN_RATIO = 0.8;
export const CAPACITY_FAIL_RATIO = 0.95;

export function usageVerdict(current: number, capacity: number): "pass" | "warn" | "fail" {
  if (capacity <= 0) return "pass";
  const r = current / capacity;
  return r >= CAPACITY_FAIL_RATIO ? "fail" : r >= CAPACITY_WARN_RATIO ? "warn" : "pass";
}

/**
 * Calls in use against a licensed count (Expressway call licences, docs/capacity.md): warns at the
 * same 80 % as capacity, fails at the count itself, where the box refuses the next licensed call.
 * No licensed count (absent, or 0 on a box that does not count this kind) cannot be compared.
 */
export const LICENCE_FAIL_RATIO = 1;

/** Whether a box's licensed count is one to compare with (not absent, not 0). */
export const isLicensedCount = (licensed: number | null): licensed is number => !!licensed && licensed > 0;

export function licenceVerdict(current: number, licensed: number | null): "pass" | "warn" | "fail" | "none" {
  if (!isLicensedCount(licensed)) return "none";
  const r = current / licensed;
  return r >= LICENCE_FAIL_RATIO ? "fail" : r >= CAPACITY_WARN_RATIO ? "warn" : "pass";
}

/**
 * CMS media load against the Call Bridge's loadLimit (apiary: /system/configuration/cluster). Cisco's
 * basis points: at newConferenceLoadLimitBasisPoints (default 5000) new conferences are disfavoured,
 * at existingConferenceLoadLimitBasisPoints (default 8000) incoming calls are rejected.
 */
export interface LoadLimits {
  loadLimit: number | null;
  newConferenceBasisPoints: number;
  existingConferenceBasisPoints: number;
}

export const CMS_DEFAULT_NEW_CONFERENCE_BP = 5000;
export const CMS_DEFAULT_EXISTING_CONFERENCE_BP = 8000;

/**
 * A Call Bridge's load levels in load units: loadLimit itself, where new conferences are steered
 * away (disfavour) and where incoming calls are rejected (reject); null without a loadLimit.
 */
export function loadLevels(limits: LoadLimits): { limit: number; disfavour: number; reject: number } | null {
  if (!limits.loadLimit) return null;
  return {
    limit: limits.loadLimit,
    disfavour: (limits.newConferenceBasisPoints / 10_000) * limits.loadLimit,
    reject: (limits.existingConferenceBasisPoints / 10_000) * limits.loadLimit,
  };
}

export function loadVerdict(
  load: number,
  limits: LoadLimits,
): { status: "pass" | "warn" | "fail" | "unknown"; message: string } {
  const levels = loadLevels(limits);
  if (!levels)
    return {
      status: "unknown",
      message: `media processing load ${load}; no loadLimit set on this Call Bridge, so there is nothing to compare with`,
    };
  const { limit, reject, disfavour } = levels;
  const pct = (load / limit) * 100;
  const text = `media processing load ${load} of ${limit} (${pct.toFixed(0)} %)`;
  if (load >= reject)
    return { status: "fail", message: `${text}: at or over the level where incoming calls are rejected (${reject})` };
  if (load >= disfavour)
    return {
      status: "warn",
      message: `${text}: new conferences are steered away from this Call Bridge above ${disfavour}`,
    };
  return { status: "pass", message: text };
}

/**
 * What the History media load chart compares with: each Call Bridge's loadLimit and the level at
 * which it rejects incoming calls, as known now (the latest cluster configuration). Call Bridges
 * with the same level share one line, their names in its label; one without a loadLimit adds none.
 * Highest first, so the legend reads from the limit down.
 */
export function loadReferences(bridges: readonly { name: string; limits: LoadLimits | null }[]): ChartReference[] {
  const byLine = new Map<string, { label: string; value: number; names: string[] }>();
  for (const b of bridges) {
    const levels = b.limits && loadLevels(b.limits);
    if (!levels) continue;
    for (const [label, value] of [
      [`loadLimit ${levels.limit}`, levels.limit],
      [`incoming calls rejected from ${levels.reject}`, levels.reject],
    ] as const) {
      const line = byLine.get(label) ?? { label, value, names: [] };
      line.names.push(b.name);
      byLine.set(label, line);
    }
  }
  return [...byLine.values()]
    .sort((a, b) => b.value - a.value)
    .map((l) => ({ label: `${l.label} (${l.names.join(", ")})`, value: l.value }));
}

/**
 * What the History call licence chart compares with: each Expressway's licensed count of one kind,
 * as its latest status tree gives it. Expressways with the same count share one line, their names
 * in its label; one whose box exposes no count (isLicensedCount: null, or 0) adds none.
 * Highest first, like loadReferences.
 */
export function licenceReferences(nodes: readonly { name: string; licensed: number | null }[]): ChartReference[] {
  const byCount = new Map<number, string[]>();
  for (const n of nodes) {
    if (!isLicensedCount(n.licensed)) continue;
    byCount.set(n.licensed, [...(byCount.get(n.licensed) ?? []), n.name]);
  }
  return [...byCount]
    .sort(([a], [b]) => b - a)
    .map(([value, names]) => ({ label: `licensed ${value} (${names.join(", ")})`, value }));
}
