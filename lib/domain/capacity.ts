// Capacity limits and verdicts shared by the checks and the History forecast. See docs/capacity.md.

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

export function licenceVerdict(current: number, licensed: number | null): "pass" | "warn" | "fail" | "none" {
  if (!licensed || licensed <= 0) return "none";
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

export function loadVerdict(
  load: number,
  limits: LoadLimits,
): { status: "pass" | "warn" | "fail" | "unknown"; message: string } {
  if (!limits.loadLimit)
    return {
      status: "unknown",
      message: `media processing load ${load}; no loadLimit set on this Call Bridge, so there is nothing to compare with`,
    };
  const pct = (load / limits.loadLimit) * 100;
  const reject = (limits.existingConferenceBasisPoints / 10_000) * limits.loadLimit;
  const disfavour = (limits.newConferenceBasisPoints / 10_000) * limits.loadLimit;
  const text = `media processing load ${load} of ${limits.loadLimit} (${pct.toFixed(0)} %)`;
  if (load >= reject)
    return { status: "fail", message: `${text}: at or over the level where incoming calls are rejected (${reject})` };
  if (load >= disfavour)
    return {
      status: "warn",
      message: `${text}: new conferences are steered away from this Call Bridge above ${disfavour}`,
    };
  return { status: "pass", message: text };
}
