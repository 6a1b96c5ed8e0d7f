"use client";

import { Card } from "@/components/ui/Card";
import type { DeploymentStatus } from "@/lib/domain/api-types";
import { hasRole } from "@/lib/domain/roles";
import { ROLE_LABELS } from "@/lib/domain/types";
import { useMeQuery } from "@/components/hooks/useMeQuery";

const bundleUrl = (id: string, nodeId?: string) =>
  `/api/deployments/${encodeURIComponent(id)}/support-bundle${nodeId ? `?node=${encodeURIComponent(nodeId)}` : ""}`;
const LINK =
  "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/**
 * What the boxes do not have (a location "not available on this version", in their own words, or
 * a part that could not be read on an otherwise ok poll), and, for admins, the support bundle:
 * the raw answers of the last poll, secrets redacted, per node or for the whole deployment.
 */
export function SupportPanel({ id, status }: { id: string; status: DeploymentStatus }) {
  const me = useMeQuery();
  const admin = !!me.data && hasRole(me.data.user.role, "admin");
  const partial = status.nodes.flatMap((n) =>
    n.sources.filter((s) => s.lastRun?.outcome === "ok" && s.lastRun.message).map((s) => ({ node: n, s })),
  );
  return (
    <Card
      title="Not available on this version · support bundle"
      actions={
        admin && (
          <a className={LINK} href={bundleUrl(id)} download data-testid="bundle-all">
            Download support bundle
          </a>
        )
      }
    >
      {partial.length === 0 ? (
        <p className="text-slate-500">Every part of every source was read at its last poll.</p>
      ) : (
        <ul className="space-y-3">
          {partial.map(({ node, s }) => (
            <li
              key={`${node.id}-${s.source}`}
              className="rounded border border-amber-500/50 p-3"
              data-testid="part-missing"
              data-source={s.source}
            >
              <p className="font-semibold">
                {ROLE_LABELS[node.role]} {node.name} · {s.title}:{" "}
                <span className="text-amber-500">polled ok, a part is missing</span>
              </p>
              <p className="break-words font-mono text-sm text-slate-500">{s.lastRun?.message}</p>
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
          <p className="text-sm text-slate-500">
            Raw answers of each node&apos;s last poll (status, headers, body), which parser path matched and any parse
            error; passwords, TURN credentials, cookies and tokens are redacted. Send it when a box answers differently
            from what Edgescope expects.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {status.nodes.map((n) => (
              <a key={n.id} className={LINK} href={bundleUrl(id, n.id)} download data-testid="bundle-node">
                {n.name}
              </a>
            ))}
          </div>
        </div>
      )}
    </Card>
  );
}
