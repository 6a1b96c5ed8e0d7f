// The one way Edgescope writes a time (pure, unit-tested): a 24-hour clock and "25 Nov" dates,
// in the viewer's time zone (or the one given), on the board, history, tables, users and audit.
// Never the browser's locale default, which gives "2:02:31 PM" on one desk and "14:02" on the next.

const H = 3_600_000;
const D = 24 * H;

export interface TimeFormatOptions {
  /** IANA zone; the viewer's own when absent (tests pin one) */
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${key}|${options.timeZone ?? ""}`;
  let f = formatters.get(k);
  if (!f) formatters.set(k, (f = new Intl.DateTimeFormat("en-GB", options)));
  return f;
}

/** en-GB writes September "Sept"; every other month has three letters, so September does too. */
const threeLetters = (s: string) => s.replace("Sept", "Sep");

/** "14:02", or "14:02:31" with seconds. */
export function formatClock(ms: number, o: TimeFormatOptions & { seconds?: boolean } = {}): string {
  const opts: Intl.DateTimeFormatOptions = {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: o.timeZone,
  };
  if (o.seconds) opts.second = "2-digit";
  return fmt(o.seconds ? "clock-s" : "clock", opts).format(ms);
}

/** "25 Nov", or "25 Nov 2026" with the year. */
export function formatDay(ms: number, o: TimeFormatOptions & { year?: boolean } = {}): string {
  const opts: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", timeZone: o.timeZone };
  if (o.year) opts.year = "numeric";
  return threeLetters(fmt(o.year ? "day-y" : "day", opts).format(ms));
}

/** "25 Nov 2026 14:02" (tables, audit, tooltips); seconds where events come seconds apart. */
export function formatDateTime(
  ms: number | string | Date,
  o: TimeFormatOptions & { seconds?: boolean; year?: boolean } = {},
): string {
  const t = typeof ms === "number" ? ms : new Date(ms).getTime();
  if (!Number.isFinite(t)) return "–";
  return `${formatDay(t, { timeZone: o.timeZone, year: o.year ?? true })} ${formatClock(t, o)}`;
}

/** "14:02" when within the last 20 hours (the wall clock says which day), else "23 Nov 14:02". */
export function formatSinceTime(sinceMs: number, nowMs: number, o: TimeFormatOptions = {}): string {
  const time = formatClock(sinceMs, o);
  return nowMs - sinceMs < 20 * H ? time : `${formatDay(sinceMs, o)} ${time}`;
}

/** The zone's offset from UTC at `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone?: string): number {
  const parts = fmt("parts", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Steps an axis may use, so its ticks fall on round local times. */
export const TICK_STEPS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  30 * 60_000,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
] as const;
/** Beyond two-week steps, ticks fall on the first of every n-th month ("Feb 2026"). */
const MONTH_STEPS = [1, 2, 3, 6, 12] as const;
const MONTH = 30.44 * D;

export interface TimeAxis {
  ticks: number[];
  stepMs: number;
}

/**
 * Ticks on round local times between from and to, at most `maxTicks`: 15-minute marks over an
 * hour, hours over a day, midnights over weeks.
 */
export function timeAxis(from: number, to: number, o: TimeFormatOptions & { maxTicks?: number } = {}): TimeAxis {
  const max = o.maxTicks ?? 8;
  const span = Math.max(0, to - from);
  const stepMs = TICK_STEPS.find((s) => span / s <= max);
  if (stepMs === undefined) return monthAxis(from, to, max, o.timeZone);
  const ticks: number[] = [];
  const off = zoneOffsetMs(from, o.timeZone);
  let t = Math.ceil((from + off) / stepMs) * stepMs - off;
  for (; t <= to && ticks.length < max + 1; t += stepMs) {
    // Keep local alignment across a daylight-saving change inside the range.
    const drift = zoneOffsetMs(t, o.timeZone) - off;
    ticks.push(stepMs >= H ? t - drift : t);
  }
  return { ticks, stepMs };
}

/** Local midnight of the first of each n-th month in [from, to]. */
function monthAxis(from: number, to: number, max: number, timeZone?: string): TimeAxis {
  const n = MONTH_STEPS.find((m) => (to - from) / (m * MONTH) <= max) ?? 12;
  const local = new Date(from + zoneOffsetMs(from, timeZone));
  let y = local.getUTCFullYear();
  let m = local.getUTCMonth();
  const ticks: number[] = [];
  for (let guard = 0; guard < 400; guard++) {
    const utcGuess = Date.UTC(y, m, 1);
    const t = utcGuess - zoneOffsetMs(utcGuess, timeZone);
    if (t > to) break;
    if (t >= from && m % n === 0) ticks.push(t);
    if (++m === 12) (m = 0), y++;
  }
  return { ticks, stepMs: n * MONTH };
}

/**
 * One tick's text: "Feb 2026" for month steps, a date for day steps and at local midnight, else the clock time — so a
 * two-day custom range reads "25 Nov · 06:00 · 12:00 · 18:00 · 26 Nov", never dates alone.
 */
export function tickLabel(t: number, stepMs: number, o: TimeFormatOptions = {}): string {
  if (stepMs >= 28 * D)
    return threeLetters(fmt("month", { month: "short", year: "numeric", timeZone: o.timeZone }).format(t));
  if (stepMs >= D) return formatDay(t, o);
  const clock = formatClock(t, o);
  return clock === "00:00" ? formatDay(t, o) : clock;
}

/** "2026-11-30 06:39" in the viewer's zone: what a custom-range field shows (24-hour, whatever the browser's locale). */
export function formatInputDateTime(ms: number, o: TimeFormatOptions = {}): string {
  const local = new Date(ms + zoneOffsetMs(ms, o.timeZone));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}`;
}

/** The reverse: "2026-11-30 06:39" (or with a "T") in the viewer's zone → ms; null when it is not such a time. */
export function parseInputDateTime(text: string, o: TimeFormatOptions = {}): number | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(guess);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two passes: the offset at the local time, not at the UTC reading of it (DST edges).
  const first = guess - zoneOffsetMs(guess, o.timeZone);
  return guess - zoneOffsetMs(first, o.timeZone);
}
