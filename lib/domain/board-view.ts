// How the board is shown (pure, unit-tested): its density, what a compact tile lists, and the
// counts line in the board's header. The tiles themselves come from /api/board unchanged.
import type { BoardArea } from "./api-types";
import type { AreaId } from "./areas";
import { HEALTH_RANK, type Health } from "./source-health";

export type Density = "comfortable" | "compact";
export const DENSITIES: readonly Density[] = ["comfortable", "compact"];
/** The URL parameter a kiosk wall screen is configured with: /?density=compact */
export const DENSITY_PARAM = "density";

const isDensity = (v: string | null | undefined): v is Density => v === "comfortable" || v === "compact";

/**
 * The URL wins over the browser's remembered choice, so a kiosk screen is set up by its address
 * alone whatever someone clicked on it before; anything unknown counts as not given.
 */
export function resolveDensity(fromUrl: string | null | undefined, stored: string | null | undefined): Density {
  if (isDensity(fromUrl)) return fromUrl;
  if (isDensity(stored)) return stored;
  return "comfortable";
}

/**
 * Area lines a compact tile shows at most (the "+N more" line included): a deployment that is
 * down entirely would otherwise list all seven and push every tile below it off a wall screen.
 */
export const COMPACT_MAX_LINES = 4;

export interface CompactAreas<A> {
  /** The areas listed, worst first (ties in the board's area order) */
  shown: A[];
  /** Not-OK areas left out for room: the tile says "+N more" */
  more: A[];
  /** Every area is OK (and there is at least one): the tile says so in one line */
  allOk: boolean;
  /**
   * Every area (two or more) is at one health that is not OK — a deployment never polled yet, or
   * all stale: one line says so instead of a list. Since: the latest start, from when all were.
   */
  all: { health: Health; since: string | null } | null;
}

/** What a compact tile lists: only the areas that are not OK, worst first, at most `maxLines` lines. */
export function compactAreas<A extends Pick<BoardArea, "health" | "since">>(
  areas: A[],
  maxLines = COMPACT_MAX_LINES,
): CompactAreas<A> {
  const bad = areas
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.health !== "ok")
    .sort((x, y) => HEALTH_RANK[x.a.health] - HEALTH_RANK[y.a.health] || x.i - y.i)
    .map(({ a }) => a);
  if (bad.length > 1 && bad.length === areas.length && bad.every((a) => a.health === bad[0]!.health)) {
    const since = bad.some((a) => a.since === null)
      ? null
      : bad.map((a) => a.since!).reduce((x, y) => (Date.parse(y) > Date.parse(x) ? y : x));
    return { shown: [], more: [], allOk: false, all: { health: bad[0]!.health, since } };
  }
  const shown = bad.length <= maxLines ? bad : bad.slice(0, maxLines - 1);
  return { shown, more: bad.slice(shown.length), allOk: areas.length > 0 && bad.length === 0, all: null };
}

/** The healthy tile's one line. */
export function allOkText(areaCount: number): string {
  return areaCount === 1 ? "Its one area is OK" : `All ${areaCount} areas OK`;
}

/** Area names short enough for one line of a compact tile beside badge and since (full name in its tooltip). */
export const COMPACT_AREA_LABELS: Record<AreaId, string> = {
  tunnels: "SSH tunnels",
  allowlist: "Allow list",
  "turn-relays": "TURN relays",
  "turn-servers": "CMS turnServers",
  "dns-tls": "DNS and TLS",
  cms: "Meeting Server",
  versions: "Versions, alarms",
};

const COUNT_WORDS: Record<Health, string> = {
  failing: "failing",
  stale: "stale",
  unknown: "no data",
  warn: "warn",
  ok: "OK",
};

export interface HealthCount {
  health: Health;
  count: number;
  text: string;
}

/** Deployments per health, worst first, only the healths that occur: "3 failing · 1 stale · 40 OK". */
export function boardCounts(tiles: { health: Health }[]): HealthCount[] {
  return (Object.keys(HEALTH_RANK) as Health[])
    .sort((a, b) => HEALTH_RANK[a] - HEALTH_RANK[b])
    .map((health) => {
      const count = tiles.filter((t) => t.health === health).length;
      return { health, count, text: `${count} ${COUNT_WORDS[health]}` };
    })
    .filter((c) => c.count > 0);
}

export const formatCounts = (counts: HealthCount[]): string => counts.map((c) => c.text).join(" · ");
