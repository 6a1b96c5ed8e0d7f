"use client";

import { useState } from "react";
import { useDeploymentsQuery } from "@/components/hooks/useDeploymentsQuery";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { ProvisionedBadge } from "@/components/ui/ProvisionedBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import type { DeploymentSummary } from "@/lib/domain/api-types";
import { DeploymentForm } from "./DeploymentForm";
import { NodeList } from "./NodeList";
import { useSettingsMutation } from "./useSettingsMutation";

function DeploymentCard({ d }: { d: DeploymentSummary }) {
  const [editing, setEditing] = useState(false);
  const remove = useSettingsMutation();
  return (
    <Card
      title={<span data-testid="deployment-title">{d.name}</span>}
      actions={
        d.provisioned ? (
          <ProvisionedBadge />
        ) : (
          <span className="flex gap-3 text-sm">
            <button type="button" onClick={() => setEditing(!editing)} className="text-sky-500 hover:underline">
              {editing ? "Close" : "Edit"}
            </button>
            <button
              type="button"
              onClick={() =>
                window.confirm(`Delete ${d.name} with all its nodes and history?`) &&
                remove.mutate({ method: "DELETE", url: `/api/deployments/${d.id}` })
              }
              className="text-red-500 hover:underline"
            >
              Delete
            </button>
          </span>
        )
      }
    >
      {editing ? (
        <DeploymentForm id={d.id} initial={d} onDone={() => setEditing(false)} />
      ) : (
        <p className="mb-3 text-sm text-slate-500">
          Join URL {d.joinUrl} · call bridge domain {d.callBridgeDomain}
        </p>
      )}
      <NodeList deploymentId={d.id} />
    </Card>
  );
}

export function DeploymentsSettings() {
  const { data, error, isPending } = useDeploymentsQuery();
  return (
    <section className="space-y-4">
      <h2 className="text-2xl font-semibold">Deployments and nodes</h2>
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load deployments" error={error} />}
      {data?.map((d) => (
        <DeploymentCard key={d.id} d={d} />
      ))}
      <Card title="Add a deployment">
        <DeploymentForm />
      </Card>
    </section>
  );
}
