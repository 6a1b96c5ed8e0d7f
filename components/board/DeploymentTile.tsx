import Link from "next/link";
import type { BoardArea, BoardTile } from "@/lib/domain/api-types";
import { formatSince } from "@/lib/domain/board";
import { shortNodeName } from "@/lib/domain/board-words";
import { formatAge } from "@/lib/domain/freshness";
import { BoardBadge } from "./BoardBadge";
import { AGE_TEXT, FRAME, SINCE_TEXT } from "./tile-styles";

/** A tile as wide as a screen (one or two deployments) has room: its words grow to read from across a room. */
const WIDE = {
  badge: "@min-[64rem]:py-1 @min-[64rem]:text-xl",
  label: "@min-[64rem]:text-3xl @min-[64rem]:leading-10",
  line: "@min-[64rem]:text-2xl @min-[64rem]:leading-9",
} as const;

function AreaRow({ a, now }: { a: BoardArea; now: number }) {
  const since = a.since ? Date.parse(a.since) : null;
  const lines = a.lines ?? (a.detail ? [a.detail] : []);
  return (
    <li
      className="grid grid-cols-[7.5rem_minmax(0,1fr)] items-baseline gap-x-3 @min-[64rem]:grid-cols-[10rem_minmax(0,1fr)]"
      data-testid="tile-area"
      data-area={a.area}
      data-health={a.health}
      data-since={a.since ?? ""}
    >
      <BoardBadge health={a.health} className={WIDE.badge} />
      <span className="min-w-0">
        <span className="flex min-w-0 items-baseline gap-3">
          <span className={`min-w-0 truncate text-xl font-medium leading-7 ${WIDE.label}`} title={a.label}>
            {a.label}
          </span>
          {since !== null && (
            <span
              className={`ml-auto shrink-0 whitespace-nowrap text-lg tabular-nums ${WIDE.line} ${SINCE_TEXT[a.health]}`}
            >
              since {formatSince(since, now)} ({formatAge(now - since)})
            </span>
          )}
        </span>
        {/* Node and reason first, up to two lines; the first is always there (blank when green) so a row
            does not grow or shrink as an area turns red, only when a second problem appears. */}
        {(lines.length ? lines : ["\u00a0"]).map((line, i) => (
          <span
            key={i}
            data-testid="tile-area-line"
            title={line}
            className={`block truncate text-lg leading-7 ${WIDE.line} ${a.health === "failing" ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
          >
            {line}
          </span>
        ))}
      </span>
    </li>
  );
}

export function DeploymentTile({ tile, now }: { tile: BoardTile; now: number }) {
  const stale = tile.health === "stale";
  return (
    <Link
      href={`/deployments/${tile.id}`}
      data-testid="deployment-tile"
      data-density="comfortable"
      data-health={tile.health}
      className={`@container flex flex-col rounded-xl border-[6px] p-5 outline-none focus-visible:ring-8 focus-visible:ring-sky-500 ${FRAME[tile.health]}`}
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="truncate text-4xl font-bold leading-tight @min-[64rem]:text-5xl">{tile.name}</h2>
          <p className="truncate text-lg text-slate-600 dark:text-slate-400">{tile.joinUrl}</p>
        </div>
        <BoardBadge health={tile.health} size="tile" />
      </div>
      {/* A tile as wide as the screen (one deployment) lays its areas out in two columns. */}
      <ul className="mt-3 grid gap-x-12 gap-y-2 @min-[64rem]:mt-6 @min-[64rem]:grid-cols-2 @min-[64rem]:gap-y-5">
        {tile.areas.map((a) => (
          <AreaRow key={a.area} a={a} now={now} />
        ))}
      </ul>
      {tile.relays.length > 0 && (
        <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-2">
          {tile.relays.map((r) => (
            <div key={r.nodeId} className="min-w-0">
              <dt className="truncate text-base text-slate-600 dark:text-slate-400 @min-[64rem]:text-xl">
                TURN relays ·{" "}
                {shortNodeName(
                  r.name,
                  tile.relays.map((x) => x.name),
                )}
              </dt>
              <dd className="text-4xl font-bold tabular-nums @min-[64rem]:text-6xl" data-testid="tile-relays">
                {r.current ?? "–"}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {tile.insecureNodes.length > 0 && (
        <p className="mt-2 text-lg font-semibold text-red-700 dark:text-red-400">
          TLS verification off: {tile.insecureNodes.join(", ")}
        </p>
      )}
      <p
        className={`mt-auto pt-2 text-lg tabular-nums @min-[64rem]:text-xl ${stale ? AGE_TEXT.stale : AGE_TEXT.other}`}
      >
        Oldest data: {formatAge(tile.oldestAgeMs)}
        {stale ? " — STALE" : ""}
      </p>
    </Link>
  );
}
