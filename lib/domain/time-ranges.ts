// Ranges a history view offers (pure).

const H = 3_600_000;
const D = 24 * H;
export const RANGES = [
  { id: "1h", label: "1 h", ms: H },
  { id: "24h", label: "24 h", ms: D },
  { id: "7d", label: "7 d", ms: 7 * D },
  { id: "30d", label: "30 d", ms: 30 * D },
  { id: "90d", label: "90 d", ms: 90 * D },
  { id: "1y", label: "1 y", ms: 365 * D },
] as const;
export type RangeId = (typeof RANGES)[number]["id"] | "custom";

/** The [from, to) a range means at `now`; custom ranges pass through when valid. */
export function resolveRange(
  id: RangeId,
  now: number,
  custom?: { from: number; to: number },
): { from: number; to: number } | null {
  if (id === "custom") return custom && custom.from < custom.to ? custom : null;
  const r = RANGES.find((x) => x.id === id)!;
  return { from: now - r.ms, to: now };
}
