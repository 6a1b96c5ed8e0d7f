// Shaping the NOC board from per-source status (pure, unit-tested).
import type { BoardArea, NodeStatus } from "./api-types";
import { AREAS, type AreaId } from "./areas";
import type { CheckStatus } from "./checks";
import { HEALTH_RANK, sourceHealth, worstOf, type Health } from "./source-health";

export interface SourceWithSince {
  node: NodeStatus;
  source: NodeStatus["sources"][number];
  /** When the current failing streak began (server-computed), else null */
  failingSince: string | null;
}

/** A check's verdict as the board shows it (checks say pass/warn/fail/unknown). */
export interface CheckOnBoard {
  area: AreaId;
  status: CheckStatus;
  title: string;
  summary: string;
}

const CHECK_HEALTH: Record<CheckStatus, Health> = { pass: "ok", warn: "warn", fail: "failing", unknown: "unknown" };

/**
 * One entry per area that has sources or checks; its health is the worst of them, "since" the
 * earliest start of the bad state (checks carry no start time, so they add none).
 */
export function boardAreas(sources: SourceWithSince[], staleAfterMs: (intervalMs: number) => number, checks: CheckOnBoard[] = []): BoardArea[] {
  return AREAS.flatMap(({ id, label }) => {
    const mine = sources.filter((s) => s.source.area === id);
    const myChecks = checks.filter((c) => c.area === id);
    if (!mine.length && !myChecks.length) return [];
    const rated = [...mine.map((s) => {
      const health = sourceHealth(s.source);
      const since = health === "failing" ? s.failingSince
        : health === "stale" && s.source.lastOkAt ? new Date(Date.parse(s.source.lastOkAt) + staleAfterMs(s.source.intervalMs)).toISOString()
        : null;
      const detail = health === "ok" ? null : `${s.node.name}: ${s.source.lastRun?.message ?? (health === "stale" ? "no fresh data" : "never polled")}`;
      return { health, since, detail };
    }), ...myChecks.map((c) => ({ health: CHECK_HEALTH[c.status], since: null, detail: `${c.title}: ${c.summary}` }))];
    const health = worstOf(rated.map((r) => r.health));
    const bad = rated.filter((r) => r.health === health && health !== "ok");
    const since = bad.map((r) => r.since).filter((x): x is string => !!x).sort()[0] ?? null;
    return [{ area: id, label, health, since, detail: bad[0]?.detail ?? null }];
  });
}

/** Worst tile first; ties by name so the wall screen does not reshuffle. */
export function sortTiles<T extends { health: Health; name: string }>(tiles: T[]): T[] {
  return [...tiles].sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.name.localeCompare(b.name));
}
