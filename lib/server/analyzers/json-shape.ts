import "server-only";

// Narrowing helpers for JSON whose shape we do not control (browser exports differ between
// versions and people edit them). Each returns a safe default instead of throwing.

export type JsonRecord = Record<string, unknown>;

export function asRecord(v: unknown): JsonRecord | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonRecord) : null;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

export function asNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Object keys without building huge arrays twice; capped so a hostile file cannot make us loop forever. */
export function entriesOf(rec: JsonRecord | null, max = 1_000_000): [string, unknown][] {
  if (rec === null) return [];
  const out: [string, unknown][] = [];
  for (const k in rec) {
    if (!Object.hasOwn(rec, k)) continue;
    out.push([k, rec[k]]);
    if (out.length >= max) break;
  }
  return out;
}

/** A time as people read it: ISO for epoch numbers, the string as written otherwise. */
export function timeText(v: unknown): string {
  if (typeof v === "number" && Number.isFinite(v) && Math.abs(v) < 8.64e15) return new Date(v).toISOString();
  return asString(v) ?? "";
}

/** Shortens a string for evidence text; logs and dumps can hold multi-kilobyte values. */
export function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
