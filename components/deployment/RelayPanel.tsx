import { Card } from "@/components/ui/Card";
import { HealthBadge } from "@/components/ui/HealthBadge";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { SOURCES } from "@/lib/domain/sources";
import { sourceOf } from "./NodeSourceHeader";
import { formatCount } from "@/lib/domain/charts";
import { formatAge } from "@/lib/domain/freshness";
import { sourceHealth } from "@/lib/domain/source-health";

/** Current TURN relays per Expressway-E node (V5) and whether its TURN server is Active (R4/C3). */
export function RelayPanel({ status }: { status: DeploymentStatus }) {
  const nodes = status.nodes.filter((n) => n.role === "EXPRESSWAY_E");
  return (
    <Card title="TURN relay usage (V5)">
      {nodes.length === 0 && <p className="text-slate-500">This deployment has no Expressway-E node.</p>}
      <div className="grid gap-4 md:grid-cols-2">
        {nodes.map((n) => {
          const { source: s, latest } = sourceOf(n, SOURCES.turnRelays);
          return (
            <div
              key={n.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
              data-testid="relay-node"
            >
              <div className="flex items-center justify-between">
                <h3 className="font-semibold">{n.name}</h3>
                {s && <HealthBadge health={sourceHealth(s)} />}
              </div>
              {n.tlsInsecure && (
                <p className="mt-1 text-sm font-semibold text-red-500">TLS verification is OFF for this node</p>
              )}
              <p className="mt-2 text-5xl font-bold tabular-nums" data-testid="relay-current">
                {latest ? formatCount(latest.current) : "–"}
              </p>
              <p className="text-sm text-slate-500">
                relays now · peak {formatCount(latest?.peak)} · total {formatCount(latest?.total)}
              </p>
              <p className="mt-1 text-sm">
                TURN server:{" "}
                <span className={latest?.serverStatus === "Active" ? "text-emerald-500" : "font-semibold text-red-500"}>
                  {latest?.serverStatus ?? "unknown"}
                </span>
                <span className="text-slate-500"> · data age {formatAge(s?.ageMs ?? null)}</span>
              </p>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
