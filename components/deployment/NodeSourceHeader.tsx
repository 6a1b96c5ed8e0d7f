import { HealthBadge } from "@/components/ui/HealthBadge";
import type { NodeStatus, SourceStatus, SourceStatusOf } from "@/lib/domain/api-types";
import { findSource, type SourceId, type SourceLatest } from "@/lib/domain/sources";
import { formatAge } from "@/lib/domain/freshness";
import { sourceHealth } from "@/lib/domain/source-health";
import { ROLE_LABELS } from "@/lib/domain/types";

/** One node's heading in a source panel: role and name, the source's health and data age, and the TLS-off flag. */
export function NodeSourceHeader({ node, source }: { node: NodeStatus; source: SourceStatus | undefined }) {
  return (
    <div className="mb-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-semibold">
          <span className="text-slate-500">{ROLE_LABELS[node.role]}</span> {node.name}
        </h3>
        {source && <HealthBadge health={sourceHealth(source)} />}
        <span className="text-sm text-slate-500">data age {formatAge(source?.ageMs ?? null)}</span>
      </div>
      <TlsInsecureFlag node={node} />
    </div>
  );
}

/** Red on every node panel while certificate verification is off for that node. */
export function TlsInsecureFlag({ node }: { node: Pick<NodeStatus, "tlsInsecure"> }) {
  if (!node.tlsInsecure) return null;
  return (
    <p
      className="mt-1 inline-block rounded bg-red-600/10 px-2 py-0.5 text-sm font-semibold text-red-500 ring-1 ring-red-500/40"
      data-testid="tls-insecure"
    >
      TLS verification is OFF for this node: its answers could come from anyone
    </p>
  );
}

/** The source of one id on a node, and its latest value with the type its source declares. */
export function sourceOf<K extends SourceId>(
  node: NodeStatus,
  id: K,
): { source: SourceStatusOf<K> | undefined; latest: SourceLatest<K> | null } {
  const source = findSource(node.sources, id);
  return { source, latest: source?.latest ?? null };
}

/** What a panel says when a source has no data (never polled or failing from the start). */
export function NoData({ source }: { source: SourceStatus | undefined }) {
  return (
    <p className="text-sm text-slate-500">
      {source?.lastRun && source.lastRun.outcome !== "ok"
        ? `No data yet: the last poll failed (${source.lastRun.outcome}). See Poll errors below.`
        : "No data yet: waiting for the first poll."}
    </p>
  );
}
