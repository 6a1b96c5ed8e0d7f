"use client";

import { useState } from "react";
import { AddToggle } from "@/components/ui/AddToggle";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { ProvisionedBadge } from "@/components/ui/ProvisionedBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import { ROLE_LABELS } from "@/lib/domain/types";
import { NodeForm } from "./NodeForm";
import { TurnCredentialForm } from "./TurnCredentialForm";
import { useNodesQuery, type NodeRow } from "./useNodesQuery";
import { useSettingsMutation } from "./useSettingsMutation";
import { useTestConnectionMutation } from "./useTestConnectionMutation";

function NodeItem({ deploymentId, node }: { deploymentId: string; node: NodeRow }) {
  const [editing, setEditing] = useState(false);
  const test = useTestConnectionMutation();
  const remove = useSettingsMutation();
  if (editing) return <NodeForm deploymentId={deploymentId} node={node} onDone={() => setEditing(false)} />;
  return (
    <li className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="node-item">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-semibold">{node.name}</span>
        <span className="text-sm text-slate-500">
          {ROLE_LABELS[node.role]} · {node.baseUrl} · user {node.username}
          {node.passwordSet ? " · password set" : ""}
        </span>
        {node.passwordUnreadable && (
          <span
            className="rounded bg-red-600 px-2 text-sm font-semibold text-white"
            title="Sealed with another secret key: Edit and enter it again"
          >
            Password unreadable
          </span>
        )}
        {node.tlsInsecure && (
          <span className="rounded bg-red-600 px-2 text-sm font-semibold text-white">TLS verification off</span>
        )}
        <span className="ml-auto flex gap-3 text-sm">
          <button
            type="button"
            onClick={() => test.mutate({ deploymentId, nodeId: node.id })}
            disabled={test.isPending}
            className="text-sky-500 hover:underline"
          >
            {test.isPending ? "Testing…" : "Test connection"}
          </button>
          {node.provisioned ? (
            <ProvisionedBadge />
          ) : (
            <>
              <button type="button" onClick={() => setEditing(true)} className="text-sky-500 hover:underline">
                Edit
              </button>
              <button
                type="button"
                onClick={() =>
                  window.confirm(`Delete node ${node.name} and its history?`) &&
                  remove.mutate({ method: "DELETE", url: `/api/deployments/${deploymentId}/nodes/${node.id}` })
                }
                className="text-red-500 hover:underline"
              >
                Delete
              </button>
            </>
          )}
        </span>
      </div>
      {node.role === "EXPRESSWAY_E" && !node.provisioned && (
        <TurnCredentialForm deploymentId={deploymentId} nodeId={node.id} />
      )}
      {test.error && <ErrorBanner title="Test failed to run" error={test.error} />}
      {test.data && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="test-result">
          {test.data.results.map((r) => (
            <li key={r.source}>
              <span className={r.outcome === "ok" ? "text-emerald-500" : "font-semibold text-red-500"}>
                {r.outcome}
              </span>{" "}
              {r.title} ({r.ms} ms){r.message && <span className="text-slate-500"> — {r.message}</span>}
            </li>
          ))}
          {test.data.results.length === 0 && (
            <li className="text-slate-500">This node type has no sources to poll yet.</li>
          )}
        </ul>
      )}
    </li>
  );
}

export function NodeList({ deploymentId }: { deploymentId: string }) {
  const { data, error, isPending } = useNodesQuery(deploymentId);
  if (isPending) return <Skeleton className="h-20" />;
  if (error) return <ErrorBanner title="Could not load nodes" error={error} />;
  return (
    <div className="space-y-3">
      {data.length === 0 && (
        <p className="text-slate-500">No nodes yet: add the Expressway-C, each Expressway-E and each Meeting Server.</p>
      )}
      <ul className="space-y-2">
        {data.map((n) => (
          <NodeItem key={n.id} deploymentId={deploymentId} node={n} />
        ))}
      </ul>
      <AddToggle label="Add node" plain>
        {(done) => <NodeForm deploymentId={deploymentId} onDone={done} />}
      </AddToggle>
    </div>
  );
}
