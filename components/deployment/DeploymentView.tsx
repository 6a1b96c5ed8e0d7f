"use client";

import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { AllowListRules } from "./AllowListRules";
import { ChecksPanel } from "./ChecksPanel";
import { NodeErrors } from "./NodeErrors";
import { RelayChart } from "./RelayChart";
import { RelayPanel } from "./RelayPanel";
import { SourcesPanel } from "./SourcesPanel";
import { SupportPanel } from "./SupportPanel";
import { TunnelsTable } from "./TunnelsTable";
import { TurnServersPanel } from "./TurnServersPanel";
import { useDeploymentStatusQuery } from "./useDeploymentStatusQuery";
import { usePollNowMutation } from "./usePollNowMutation";
import { useMeQuery } from "@/components/hooks/useMeQuery";
import { hasRole } from "@/lib/domain/roles";

export function DeploymentView({ id }: { id: string }) {
  const { data, error, isPending } = useDeploymentStatusQuery(id);
  const pollNow = usePollNowMutation(id);
  const me = useMeQuery();
  if (isPending) return <Skeleton className="h-96" />;
  if (error)
    return (
      <ErrorBanner
        title="Could not load this deployment"
        error={error}
        hint="Go back to the board and pick it again; if it was deleted it is no longer listed."
      />
    );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">{data.deployment.name}</h1>
          <p className="text-slate-500">
            Join URL {data.deployment.joinUrl} · call bridge domain {data.deployment.callBridgeDomain}
          </p>
        </div>
        {/* Engineers and admins only: the server refuses a viewer's poll (403), so a viewer never sees the button. */}
        {me.data && hasRole(me.data.user.role, "engineer") && (
          <button
            type="button"
            onClick={() => pollNow.mutate()}
            disabled={pollNow.isPending}
            className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white hover:bg-sky-500 disabled:opacity-60"
          >
            {pollNow.isPending ? "Polling…" : "Poll now"}
          </button>
        )}
      </div>
      {pollNow.error && <ErrorBanner title="Poll now failed" error={pollNow.error} />}
      <RelayPanel status={data} />
      <TurnServersPanel id={id} status={data} />
      <div className="grid gap-6 2xl:grid-cols-2">
        <TunnelsTable status={data} />
        <AllowListRules status={data} />
      </div>
      <ChecksPanel id={id} />
      <RelayChart id={id} />
      <NodeErrors status={data} />
      <SupportPanel id={id} status={data} />
      <SourcesPanel status={data} />
    </div>
  );
}
