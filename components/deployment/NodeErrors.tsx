import { Card } from "@/components/ui/Card";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { ROLE_LABELS } from "@/lib/domain/types";

/** The last failed poll of every source that is failing now, with the node's own words. */
export function NodeErrors({ status }: { status: DeploymentStatus }) {
  const failing = status.nodes.flatMap((n) =>
    n.sources.filter((s) => s.lastRun && s.lastRun.outcome !== "ok").map((s) => ({ node: n, s })),
  );
  return (
    <Card title="Poll errors">
      {failing.length === 0 ? (
        <p className="text-slate-500">Every source answered its last poll.</p>
      ) : (
        <ul className="space-y-3">
          {failing.map(({ node, s }) => (
            <li
              key={`${node.id}-${s.source}`}
              className="rounded border border-red-500/50 p-3"
              data-testid="poll-error"
            >
              <p className="font-semibold">
                {ROLE_LABELS[node.role]} {node.name} · {s.title}:{" "}
                <span className="text-red-500">{s.lastRun?.outcome}</span>
              </p>
              <p className="break-words font-mono text-sm text-slate-500">{s.lastRun?.message}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
