// Shaping the NOC board from per-source status and check verdicts (pure, unit-tested).
import type { BoardArea, NodeStatus } from "./api-types";
import { AREAS, type AreaId } from "./areas";
import { checkLines, fitLines, sourceLine } from "./board-words";
import type { CheckStatus } from "./checks";
import type { FailingItem } from "./failing-items";
import { formatSinceTime } from "./time-format";
import { HEALTH_RANK, sourceHealth, worstOf, type Health } from "./source-health";

export interface SourceWithSince {
  node: NodeStatus;
  source: NodeStatus["sources"][number];
  /** When the current failing streak began (server-computed), else null */
  failingSince: string | null;
}

/** A recorded change of a check's status (check_state), ms since epoch. */
export interface CheckChange {
  status: CheckStatus;
  at: number;
}

/** A check's verdict as the board shows it (checks say pass/warn/fail/unknown). */
export interface CheckOnBoard {
  id?: string;
  area: AreaId;
  status: CheckStatus;
  title: string;
  summary: string;
  /**
   * Its recorded changes, oldest first (the recorder writes one when the status changes). Absent
   * or empty: the start of the current status is not known.
   */
  history?: CheckChange[];
  /** The history was cut short (only the newest changes were read): nothing before its first one is known. */
  historyCut?: boolean;
  /** What the check names wrong (CheckResult.items), said node and reason first (board-words); absent: the summary is the line. */
  items?: readonly FailingItem[];
  domainIds?: readonly string[];
  /** Unknown only for want of these sources' data (CheckResult.waitingOn). */
  waitingOn?: string[];
}

export const CHECK_HEALTH: Record<CheckStatus, Health> = {
  pass: "ok",
  warn: "warn",
  fail: "failing",
  unknown: "unknown",
};

/**
 * What is known of one entry's (source's or check's) health over time: spans oldest first, each
 * holding from `from` until the next, the last one until now. `from: null` = known only now.
 * Before the first span the entry's health is not known.
 */
export interface HealthHistory {
  spans: { health: Health; from: number | null }[];
  /** The history was cut short: before the first span the entry may have been anything, even worse. */
  cut?: boolean;
}

/**
 * When the area's current health began: the earliest t such that at every moment of [t, now]
 * some entry was at that health and none was worse — walked back over the entries' changes. An
 * entry whose health at a moment is not known counts as neither (it was not recorded then), unless
 * its history was cut short (it may have been worse: the walk stops there). null when no start is known
 * (e.g. the only entry at that health has no recorded start yet), and for "ok": when an ok
 * streak of a source began is never read, so green carries no date.
 */
export function areaSince(histories: HealthHistory[], now: number): number | null {
  const current = histories.map((h) => h.spans.at(-1)?.health).filter((h): h is Health => !!h);
  if (!current.length) return null;
  const health = worstOf(current);
  if (health === "ok") return null;
  const at = (h: HealthHistory, t: number): Health | null => {
    let found: Health | null = null;
    for (const s of h.spans) if (s.from !== null && Math.min(s.from, now) <= t) found = s.health;
    return found;
  };
  const barrier = Math.max(
    -Infinity,
    ...histories.filter((h) => h.cut && h.spans[0]?.from != null).map((h) => h.spans[0]!.from!),
  );
  const starts = [
    ...new Set(
      histories
        .flatMap((h) => h.spans.map((s) => (s.from === null ? null : Math.min(s.from, now))))
        .filter((t): t is number => t !== null),
    ),
  ].sort((a, b) => b - a);
  let since: number | null = null;
  for (const t of starts) {
    // Before a cut history the entry may have been worse: only "failing" (nothing is worse) walks on.
    if (t < barrier && health !== "failing") break;
    const known = histories.map((h) => at(h, t)).filter((x): x is Health => x !== null);
    if (!known.includes(health) || known.some((x) => HEALTH_RANK[x] < HEALTH_RANK[health])) break;
    since = t;
  }
  return since;
}

/** A source's current health with its start: failing from the first failed poll of the streak, stale from when data went stale. */
function sourceHistory(s: SourceWithSince, staleAfterMs: (intervalMs: number) => number): HealthHistory {
  const health = sourceHealth(s.source);
  const from =
    health === "failing" && s.failingSince
      ? Date.parse(s.failingSince)
      : health === "stale" && s.source.lastOkAt
        ? Date.parse(s.source.lastOkAt) + staleAfterMs(s.source.intervalMs)
        : null;
  return { spans: [{ health, from }] };
}

/** A check's recorded changes, trusted only when the last one says what the check says now. */
function checkHistory(c: CheckOnBoard): HealthHistory {
  const h = c.history ?? [];
  if (h.at(-1)?.status !== c.status) return { spans: [{ health: CHECK_HEALTH[c.status], from: null }] };
  return { spans: h.map((x) => ({ health: CHECK_HEALTH[x.status], from: x.at })), cut: c.historyCut };
}

/**
 * Whether an unknown check says nothing about its own area: it waits only on sources of other
 * areas (CMS refused: the TURN port check waits on CMS turnServers), and this area has sources
 * of its own that answer. "No data" is then the other area's to show, not this one's.
 */
export function waitsOnOtherAreas(
  c: Pick<CheckOnBoard, "status" | "area" | "waitingOn">,
  sources: readonly SourceWithSince[],
): boolean {
  if (c.status !== "unknown" || !c.waitingOn?.length) return false;
  const own = sources.filter((s) => s.source.area === c.area);
  if (!own.length || own.some((s) => sourceHealth(s.source) === "unknown")) return false;
  return c.waitingOn.every((id) => {
    const areas = sources.filter((s) => s.source.source === id).map((s) => s.source.area);
    return areas.length > 0 && areas.every((a) => a !== c.area);
  });
}

/**
 * One entry per area that has sources or checks; its health is the worst of them, "since" when
 * that health began for the area (areaSince), the lines the problems at that health in node-first
 * words (board-words), at most two; `detail` is the first line.
 */
export function boardAreas(
  sources: SourceWithSince[],
  staleAfterMs: (intervalMs: number) => number,
  checks: CheckOnBoard[],
  now: number,
): BoardArea[] {
  const names = [...new Set(sources.map((s) => s.node.name))];
  // Grouped once: the board runs this for every tile of every wall screen every 10 s.
  const sourcesOf = byArea(sources, (s) => s.source.area);
  const checksOf = byArea(checks, (c) => c.area);
  return AREAS.flatMap(({ id, label }) => {
    const mine = sourcesOf.get(id) ?? [];
    const all = checksOf.get(id) ?? [];
    if (!mine.length && !all.length) return [];
    const myChecks = all.filter((c) => !waitsOnOtherAreas(c, sources));
    const rated = [
      ...mine.map((s) => {
        const health = sourceHealth(s.source);
        const lines =
          health === "ok"
            ? []
            : [
                sourceLine(
                  s.node.name,
                  s.source.lastRun?.message ?? (health === "stale" ? "no fresh data" : "never polled"),
                  names,
                ),
              ];
        return { health, lines };
      }),
      ...myChecks.map((c) => ({
        health: CHECK_HEALTH[c.status],
        lines: c.status === "pass" ? [] : checkLines(c, names),
      })),
    ];
    const health = worstOf(rated.map((r) => r.health));
    const lines = health === "ok" ? [] : fitLines(rated.filter((r) => r.health === health).flatMap((r) => r.lines));
    const since = areaSince([...mine.map((s) => sourceHistory(s, staleAfterMs)), ...myChecks.map(checkHistory)], now);
    return [
      {
        area: id,
        label,
        health,
        since: since === null ? null : new Date(since).toISOString(),
        detail: lines[0] ?? null,
        lines,
      },
    ];
  });
}

// Map.groupBy would do, but Node 20 (our floor) does not have it.
function byArea<T>(items: readonly T[], area: (x: T) => AreaId): Map<AreaId, T[]> {
  const out = new Map<AreaId, T[]>();
  for (const x of items) {
    const a = area(x);
    const list = out.get(a);
    if (list) list.push(x);
    else out.set(a, [x]);
  }
  return out;
}

/** Areas that are not green: only their checks' recorded history is needed for "since". */
export function areasNeedingSince(sources: SourceWithSince[], checks: CheckOnBoard[]): Set<AreaId> {
  const out = new Set<AreaId>();
  for (const s of sources) if (sourceHealth(s.source) !== "ok") out.add(s.source.area);
  for (const c of checks) if (c.status !== "pass" && !waitsOnOtherAreas(c, sources)) out.add(c.area);
  return out;
}

/** Worst tile first; ties by name so the wall screen does not reshuffle. */
export function sortTiles<T extends { health: Health; name: string }>(tiles: T[]): T[] {
  return [...tiles].sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.name.localeCompare(b.name));
}

/** "14:02" within the last 20 hours, else "23 Nov 14:02" (the one formatter, time-format.ts). */
export function formatSince(sinceMs: number, nowMs: number, timeZone?: string): string {
  return formatSinceTime(sinceMs, nowMs, { timeZone });
}
