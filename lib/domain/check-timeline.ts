// Check timelines for the history view (pure): status segments over a range, and availability.
import type { CheckStatus } from "./checks";

export interface CheckStateRow {
  checkId: string;
  status: CheckStatus;
  summary: string;
  at: number; // ms
}

export interface TimelineSegment {
  status: CheckStatus;
  from: number;
  to: number;
  summary: string;
}

export interface CheckTimeline {
  checkId: string;
  segments: TimelineSegment[];
  /** Share of the observed part of the range during which the check passed; null when never observed. */
  passRatio: number | null;
}

/**
 * Segments of one check within [from, to). `rows` are its state changes in time order, including
 * the last change before `from` (it says what held at the start). Time before the first change is
 * not observed and gets no segment.
 */
export function timelineOf(checkId: string, rows: CheckStateRow[], from: number, to: number): CheckTimeline {
  const segments: TimelineSegment[] = [];
  rows.forEach((r, i) => {
    const start = Math.max(r.at, from);
    const end = Math.min(rows[i + 1]?.at ?? to, to);
    if (end > start) segments.push({ status: r.status, from: start, to: end, summary: r.summary });
  });
  const observed = segments.reduce((s, g) => s + (g.to - g.from), 0);
  const passed = segments.filter((g) => g.status === "pass").reduce((s, g) => s + (g.to - g.from), 0);
  return { checkId, segments, passRatio: observed > 0 ? passed / observed : null };
}

export interface CheckTimelineResponse {
  series: "checks";
  from: string;
  to: string;
  checks: (CheckTimeline & { title: string; domainIds: readonly string[] })[];
}

/**
 * A pass ratio as a review reads it: "100 %" only when the check never failed in the range, else
 * two decimals rounded down, so 99.996 % says "99.99 %" and never looks perfect; "–" when not observed.
 */
export function formatPassRatio(r: number | null): string {
  if (r === null) return "–";
  if (r >= 1) return "100 %";
  return `${(Math.floor(r * 10_000) / 100).toFixed(2)} %`;
}
