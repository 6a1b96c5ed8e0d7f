import Link from "next/link";
import { HealthBadge } from "@/components/ui/HealthBadge";
import type { BoardTile } from "@/lib/domain/api-types";
import { formatAge } from "@/lib/domain/freshness";

const BORDER = { ok: "border-emerald-600", warn: "border-yellow-400", failing: "border-red-600", stale: "border-amber-500", unknown: "border-slate-500" } as const;

export function DeploymentTile({ tile, now }: { tile: BoardTile; now: number }) {
  return (
    <Link href={`/deployments/${tile.id}`} data-testid="deployment-tile" data-health={tile.health}
      className={`block rounded-xl border-4 bg-white p-5 outline-none focus-visible:ring-4 focus-visible:ring-sky-500 dark:bg-slate-900 ${BORDER[tile.health]}`}>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="truncate text-3xl font-bold">{tile.name}</h2>
          <p className="truncate text-slate-500">{tile.joinUrl}</p>
        </div>
        <HealthBadge health={tile.health} />
      </div>
      <ul className="mt-4 space-y-1.5">
        {tile.areas.map((a) => (
          <li key={a.area} className="grid grid-cols-[7rem_1fr] items-baseline gap-3" data-testid="tile-area" data-area={a.area} data-health={a.health}>
            <HealthBadge health={a.health} />
            <span className="min-w-0">
              <span className="text-lg font-medium">{a.label}</span>
              {a.since && <span className="ml-2 text-sm text-slate-500">since {new Date(a.since).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} ({formatAge(now - Date.parse(a.since))})</span>}
              {a.detail && <span className={`block truncate text-sm ${a.health === "failing" ? "text-red-400" : "text-slate-500"}`} title={a.detail}>{a.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
      {tile.relays.length > 0 && (
        <dl className="mt-4 flex flex-wrap gap-6">
          {tile.relays.map((r) => (
            <div key={r.nodeId}>
              <dt className="text-sm text-slate-500">TURN relays · {r.name}</dt>
              <dd className="text-4xl font-bold tabular-nums" data-testid="tile-relays">{r.current ?? "–"}</dd>
            </div>
          ))}
        </dl>
      )}
      {tile.insecureNodes.length > 0 && <p className="mt-2 text-sm font-semibold text-red-500">TLS verification off: {tile.insecureNodes.join(", ")}</p>}
      <p className={`mt-3 text-sm ${tile.health === "stale" ? "font-semibold text-amber-500" : "text-slate-500"}`}>Oldest data: {formatAge(tile.oldestAgeMs)}{tile.health === "stale" ? " — STALE" : ""}</p>
    </Link>
  );
}
