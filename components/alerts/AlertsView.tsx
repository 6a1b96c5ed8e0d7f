"use client";

import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import type { AlertView } from "@/lib/domain/alerts/types";
import { formatDuration } from "@/lib/domain/alerts/state-machine";
import { useAlertingMutation } from "./useAlertingMutation";
import { useAlertsQuery } from "./useAlertsQuery";

const STATES = ["firing", "silenced", "resolved"] as const;
const SEVERITY = {
  fail: "bg-red-600 text-white",
  warn: "bg-amber-400 text-black",
  stale: "bg-[repeating-linear-gradient(45deg,#f59e0b_0_6px,#78350f_6px_12px)] text-white",
} as Record<string, string>;
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { hourCycle: "h23" }) : "–");

function AlertRow({ a, canAct, act }: { a: AlertView; canAct: boolean; act: ReturnType<typeof useAlertingMutation> }) {
  const end = a.resolvedAt ? Date.parse(a.resolvedAt) : Date.now();
  return (
    <li
      className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800"
      data-testid="alert-row"
      data-state={a.state}
      data-kind={a.kind}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span
          className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${SEVERITY[a.severity] ?? "bg-slate-500 text-white"}`}
        >
          {a.severity}
        </span>
        <Link href={`/deployments/${a.deploymentId}`} className="font-semibold hover:underline">
          {a.deploymentName}
        </Link>
        <span className="font-medium">{a.title}</span>
        {a.silenced && (
          <span className="rounded border border-slate-400 px-2 text-xs">
            {a.inMaintenance ? "maintenance" : `silenced until ${time(a.silencedUntil)} by ${a.silencedBy}`}
          </span>
        )}
        {a.state === "recovering" && <span className="text-xs text-emerald-600">recovering</span>}
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{a.detail}</p>
      <p className="mt-1 text-xs text-slate-500">
        since {time(a.since)} · {a.resolvedAt ? `resolved ${time(a.resolvedAt)} after` : "for"}{" "}
        {formatDuration(end - Date.parse(a.since))} · rule {a.ruleName} · messages {a.messages.sent} sent
        {a.messages.pending ? `, ${a.messages.pending} waiting` : ""}
        {a.messages.dead ? `, ${a.messages.dead} given up` : ""}
        {a.ackedBy ? ` · acknowledged by ${a.ackedBy} at ${time(a.ackedAt)}` : ""}
      </p>
      {canAct && a.state !== "resolved" && (
        <div className="mt-2 flex gap-3 text-sm">
          {!a.ackedBy && (
            <button
              type="button"
              className="text-sky-600 hover:underline"
              onClick={() => act.mutate({ method: "POST", url: `/api/alerts/${a.id}/ack` })}
            >
              Acknowledge
            </button>
          )}
          <button
            type="button"
            className="text-sky-600 hover:underline"
            onClick={() => act.mutate({ method: "POST", url: `/api/alerts/${a.id}/silence`, body: { minutes: 240 } })}
          >
            Silence 4 h
          </button>
        </div>
      )}
    </li>
  );
}

export function AlertsView({ canAct }: { canAct: boolean }) {
  const [state, setState] = useState<(typeof STATES)[number]>("firing");
  const { data, error, isPending } = useAlertsQuery(state);
  const act = useAlertingMutation();
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-3xl font-bold">Alerts</h1>
        <div role="tablist" className="flex gap-1 rounded border border-slate-300 p-1 dark:border-slate-700">
          {STATES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={s === state}
              onClick={() => setState(s)}
              className={`rounded px-3 py-1 text-sm capitalize ${s === state ? "bg-sky-600 text-white" : "hover:bg-slate-200 dark:hover:bg-slate-800"}`}
            >
              {s}
            </button>
          ))}
        </div>
      </div>
      {act.error && <ErrorBanner title="The change was refused" error={act.error} />}
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load alerts" error={error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">No {state} alerts.</p>
          ) : (
            <ul>
              {data.map((a) => (
                <AlertRow key={a.id} a={a} canAct={canAct} act={act} />
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
