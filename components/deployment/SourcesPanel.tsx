import { Card } from "@/components/ui/Card";
import { HealthBadge } from "@/components/ui/HealthBadge";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { liveCheckWords } from "@/lib/domain/live-check-words";
import { sourceHealth } from "@/lib/domain/source-health";
import { ROLE_LABELS } from "@/lib/domain/types";

/**
 * Every source of every node with its health, data age and latest stored value as raw JSON.
 * A stop-gap view until each source gets its own panel; it never branches on a source id.
 */
export function SourcesPanel({ status }: { status: DeploymentStatus }) {
  return (
    <Card title="Everything polled">
      <div className="grid gap-4 lg:grid-cols-2">
        {status.nodes.map((n) => (
          <div
            key={n.id}
            className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
            data-testid="sources-node"
          >
            <h3 className="font-semibold">
              {ROLE_LABELS[n.role]} {n.name}
            </h3>
            {n.tlsInsecure && (
              <p className="text-sm font-semibold text-red-500">TLS verification is OFF for this node</p>
            )}
            <ul className="mt-2 space-y-2">
              {n.sources.map((s) => (
                <li key={s.source} data-testid="source-row" data-source={s.source}>
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                      <HealthBadge health={sourceHealth(s)} />
                      <span>{s.title}</span>
                      <span className="text-sm text-slate-500">
                        {s.domainIds.join(" ")} · {liveCheckWords(s).text}
                      </span>
                    </summary>
                    <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
                      {JSON.stringify(s.latest, null, 2)}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </Card>
  );
}
