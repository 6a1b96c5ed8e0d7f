import Link from "next/link";
import type { BoardArea, BoardTile } from "@/lib/domain/api-types";
import { formatSince } from "@/lib/domain/board";
import { allOkText, COMPACT_AREA_LABELS, compactAreas } from "@/lib/domain/board-view";
import { formatAge } from "@/lib/domain/freshness";
import type { Health } from "@/lib/domain/source-health";
import { BoardBadge } from "./BoardBadge";
import { AGE_TEXT, FRAME, SINCE_TEXT } from "./tile-styles";

// The wall's compact tile: name, overall badge, oldest data age, and only the areas that are not
// OK, each with its first problem under it. Every line is one line tall whatever its text (truncated, never wrapped), so
// a tile changes height only when an area changes health, never as ages tick on; the healthy line
// is as tall as an area line, so one area turning red does not move the tiles below.

const LINE = "h-7 leading-7";

/** "since 14:02" (the clock time stays put between refreshes); how long ago, and the problem, in the tooltip. */
function Since({ health, since, now }: { health: Health; since: string | null; now: number }) {
  if (!since) return null;
  const t = Date.parse(since);
  return (
    <span className={`shrink-0 whitespace-nowrap text-base tabular-nums ${SINCE_TEXT[health]}`}>
      since {formatSince(t, now)}
    </span>
  );
}

const tooltip = (label: string, since: string | null, detail: string | null, now: number) =>
  [label, since && `since ${formatSince(Date.parse(since), now)} (${formatAge(now - Date.parse(since))})`, detail]
    .filter(Boolean)
    .join(" · ");

function AreaLine({ a, now }: { a: BoardArea; now: number }) {
  const lines = a.lines ?? (a.detail ? [a.detail] : []);
  return (
    <li title={tooltip(a.label, a.since, lines.join("\n") || null, now)}>
      <div
        className={`flex items-center gap-2 ${LINE}`}
        data-testid="tile-area"
        data-area={a.area}
        data-health={a.health}
        data-since={a.since ?? ""}
      >
        <span className="w-[5.25rem] shrink-0">
          <BoardBadge health={a.health} size="compact-row" />
        </span>
        <span className="min-w-0 flex-1 truncate text-lg">{COMPACT_AREA_LABELS[a.area] ?? a.label}</span>
        <Since health={a.health} since={a.since} now={now} />
      </div>
      {/* The first problem, node first, under the area's name (a wall reads which node and why). */}
      {lines[0] && (
        <div
          data-testid="tile-area-line"
          className={`truncate pl-2 text-base ${LINE} ${a.health === "failing" ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
        >
          {lines[0]}
          {lines.length > 1 ? ` · +${lines.length - 1}` : ""}
        </div>
      )}
    </li>
  );
}

export function CompactTile({ tile, now }: { tile: BoardTile; now: number }) {
  const { shown, more, allOk, all } = compactAreas(tile.areas);
  const stale = tile.health === "stale";
  return (
    <Link
      href={`/deployments/${tile.id}`}
      data-testid="deployment-tile"
      data-density="compact"
      data-health={tile.health}
      className={`flex min-w-0 flex-col rounded-lg border-4 px-3 py-1.5 outline-none focus-visible:ring-[6px] focus-visible:ring-sky-500 ${FRAME[tile.health]}`}
    >
      <div className="flex items-center justify-between gap-3">
        <h2 className="truncate text-2xl font-bold leading-8" title={tile.name}>
          {tile.name}
        </h2>
        <BoardBadge health={tile.health} size="compact-tile" />
      </div>
      <ul className="mt-0.5">
        {shown.map((a) => (
          <AreaLine key={a.area} a={a} now={now} />
        ))}
        {more.length > 0 && (
          <li
            className={`truncate text-base text-slate-600 dark:text-slate-300 ${LINE}`}
            data-testid="tile-more"
            title={more.map((a) => `${a.label}: ${a.health}`).join("\n")}
          >
            +{more.length} more not OK
          </li>
        )}
        {all && (
          <li
            className={`flex items-center gap-2 ${LINE}`}
            data-testid="tile-all-areas"
            data-health={all.health}
            title={tooltip(`All ${tile.areas.length} areas`, all.since, null, now)}
          >
            <span className="w-[5.25rem] shrink-0">
              <BoardBadge health={all.health} size="compact-row" />
            </span>
            <span className="min-w-0 flex-1 truncate text-lg">All {tile.areas.length} areas</span>
            <Since health={all.health} since={all.since} now={now} />
          </li>
        )}
        {allOk && (
          <li
            className={`truncate text-lg font-medium text-emerald-700 dark:text-emerald-300 ${LINE}`}
            data-testid="tile-all-ok"
          >
            {allOkText(tile.areas.length)}
          </li>
        )}
        {tile.areas.length === 0 && (
          <li className={`truncate text-lg text-slate-600 dark:text-slate-300 ${LINE}`}>Nothing polled yet</li>
        )}
      </ul>
      <p
        className={`mt-auto flex gap-3 pt-0.5 text-base leading-6 tabular-nums ${stale ? AGE_TEXT.stale : AGE_TEXT.other}`}
      >
        <span className="shrink-0 whitespace-nowrap">
          Oldest data: {formatAge(tile.oldestAgeMs)}
          {stale ? " — STALE" : ""}
        </span>
        {tile.insecureNodes.length > 0 && (
          <span
            className="min-w-0 truncate font-semibold text-red-700 dark:text-red-400"
            title={`TLS verification off: ${tile.insecureNodes.join(", ")}`}
          >
            TLS verification off
          </span>
        )}
      </p>
    </Link>
  );
}
