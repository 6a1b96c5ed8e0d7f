"use client";

import Link from "next/link";
import { HealthBadge } from "@/components/ui/HealthBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import { useDeploymentStatusQuery } from "@/components/deployment/useDeploymentStatusQuery";
import type { RelayLatest } from "@/lib/domain/api-types";
import { formatAge } from "@/lib/domain/freshness";
import { sourceHealth, worstOf } from "@/lib/domain/source-health";

export function DeploymentTile({ id, name, joinUrl }: { id: string; name: string; joinUrl: string }) {
  const { data, error } = useDeploymentStatusQuery(id);
  const sources = data?.nodes.flatMap((n) => n.sources) ?? [];
  const health = error ? "unknown" : worstOf(sources.map(sourceHealth));
  const oldest = sources.reduce<number | null>((m, s) => (s.ageMs === null ? m : Math.max(m ?? 0, s.ageMs)), null);
  const relayNodes = data?.nodes.filter((n) => n.role === "EXPRESSWAY_E") ?? [];

  return (
    <Link href={`/deployments/${id}`} data-testid="deployment-tile" className="block rounded-xl border-2 border-slate-300 bg-white p-5 outline-none focus-visible:ring-4 focus-visible:ring-sky-500 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="text-2xl font-semibold">{name}</h2>
          <p className="text-slate-500">{joinUrl}</p>
        </div>
        <HealthBadge health={health} />
      </div>
      {!data && !error && <Skeleton className="mt-4 h-20" />}
      <dl className="mt-4 grid grid-cols-2 gap-4">
        {relayNodes.map((n) => {
          const s = n.sources.find((x) => x.source === "expressway-e.turn-relays");
          const latest = s?.latest as RelayLatest | null;
          return (
            <div key={n.id}>
              <dt className="text-sm text-slate-500">TURN relays · {n.name}</dt>
              <dd className="text-4xl font-bold tabular-nums" data-testid="tile-relays">{latest ? latest.current : "–"}</dd>
            </div>
          );
        })}
      </dl>
      <p className="mt-3 text-sm text-slate-500">Data age: {formatAge(oldest)}</p>
    </Link>
  );
}
