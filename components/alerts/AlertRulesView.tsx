"use client";

import { useState, type FormEvent } from "react";
import { useDeploymentsQuery } from "@/components/hooks/useDeploymentsQuery";
import { AddToggle } from "@/components/ui/AddToggle";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Field, inputClass } from "@/components/ui/Field";
import { ProvisionedBadge } from "@/components/ui/ProvisionedBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import { CHECK_AREAS, CHECK_AREA_LABELS } from "@/lib/domain/checks";
import type { RuleView } from "@/lib/domain/alerts/types";
import { useAlertChannelsQuery } from "./useAlertChannelsQuery";
import { useAlertRulesQuery } from "./useAlertRulesQuery";
import { useAlertingMutation } from "./useAlertingMutation";

const numberOrNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : Number(v));

/** Adds a rule, or edits one (`initial`). */
function RuleForm({ onDone, initial }: { onDone: () => void; initial?: RuleView }) {
  const channels = useAlertChannelsQuery();
  const deployments = useDeploymentsQuery();
  const save = useAlertingMutation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      name: f.get("name"),
      deploymentIds: f.getAll("deploymentIds"),
      areas: f.getAll("areas"),
      checkIds: String(f.get("checkIds") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      minSeverity: f.get("minSeverity"),
      pendingSeconds: numberOrNull(f.get("pendingSeconds")),
      recoverySeconds: numberOrNull(f.get("recoverySeconds")),
      repeatMinutes: numberOrNull(f.get("repeatMinutes")),
      channelIds: f.getAll("channelIds"),
      notifyOnResolve: f.get("notifyOnResolve") === "on",
      enabled: initial?.enabled ?? true,
    };
    save.mutate(
      initial
        ? { method: "PUT", url: `/api/alerts/rules/${initial.id}`, body }
        : { method: "POST", url: "/api/alerts/rules", body },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2">
      <Field label="Name">
        <input name="name" required defaultValue={initial?.name} className={inputClass} />
      </Field>
      <Field label="Minimum severity">
        <select name="minSeverity" defaultValue={initial?.minSeverity} className={inputClass}>
          <option value="fail">fail</option>
          <option value="warn">warn (and fail)</option>
        </select>
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Deployments (none ticked = all)</legend>
        {deployments.data?.map((d) => (
          <label key={d.id} className="mr-4 inline-flex gap-1 text-sm">
            <input
              type="checkbox"
              name="deploymentIds"
              value={d.id}
              defaultChecked={initial?.deploymentIds.includes(d.id)}
            />
            {d.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Areas (none ticked = all)</legend>
        {CHECK_AREAS.map((a) => (
          <label key={a} className="mr-4 inline-flex gap-1 text-sm">
            <input type="checkbox" name="areas" value={a} defaultChecked={initial?.areas.includes(a)} />
            {CHECK_AREA_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <Field label="Check ids (comma-separated; empty = all)" hint="e.g. v3-tunnels, r6-turn-ports">
        <input name="checkIds" defaultValue={initial?.checkIds.join(", ")} className={inputClass} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Channels</legend>
        {channels.data?.length ? (
          channels.data.map((c) => (
            <label key={c.id} className="mr-4 inline-flex gap-1 text-sm">
              <input
                type="checkbox"
                name="channelIds"
                value={c.id}
                defaultChecked={initial?.channelIds.includes(c.id)}
              />
              {c.name} ({c.type})
            </label>
          ))
        ) : (
          <p className="text-sm text-slate-500">No channels yet: add one under Channels.</p>
        )}
      </fieldset>
      <Field label="Pending time, s" hint="Non-green this long before it fires (default 2 poll intervals)">
        <input
          name="pendingSeconds"
          type="number"
          min={0}
          defaultValue={initial?.pendingSeconds ?? undefined}
          className={inputClass}
        />
      </Field>
      <Field label="Recovery time, s" hint="Green this long before it resolves (default 2 poll intervals)">
        <input
          name="recoverySeconds"
          type="number"
          min={0}
          defaultValue={initial?.recoverySeconds ?? undefined}
          className={inputClass}
        />
      </Field>
      <Field label="Repeat every, min" hint="Empty: no repeats while firing">
        <input
          name="repeatMinutes"
          type="number"
          min={1}
          defaultValue={initial?.repeatMinutes ?? undefined}
          className={inputClass}
        />
      </Field>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" name="notifyOnResolve" defaultChecked={initial?.notifyOnResolve ?? true} />
        Send a message when it resolves
      </label>
      <div className="md:col-span-2">
        {save.error && <ErrorBanner title="The rule was refused" error={save.error} />}
        <button type="submit" className="mt-2 rounded bg-sky-600 px-4 py-2 font-medium text-white">
          {initial ? "Save rule" : "Add rule"}
        </button>
        {initial && (
          <button type="button" onClick={onDone} className="ml-3 text-sm text-slate-500 hover:underline">
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

const withoutId = ({ id: _id, provisioned: _p, ...rest }: RuleView) => rest;

function describe(r: RuleView, names: Map<string, string>): string {
  const scope = [
    r.deploymentIds.length
      ? `deployments ${r.deploymentIds.map((id) => names.get(id) ?? id).join(", ")}`
      : "all deployments",
    r.areas.length ? `areas ${r.areas.join(", ")}` : "",
    r.checkIds.length ? `checks ${r.checkIds.join(", ")}` : "",
  ];
  const timing = [
    `pending ${r.pendingSeconds ?? "default"} s`,
    `recovery ${r.recoverySeconds ?? "default"} s`,
    r.repeatMinutes ? `repeat every ${r.repeatMinutes} min` : "no repeat",
  ];
  return [...scope.filter(Boolean), `min ${r.minSeverity}`, ...timing].join(" · ");
}

export function AlertRulesView({ canEdit }: { canEdit: boolean }) {
  const { data, error, isPending } = useAlertRulesQuery();
  const channels = useAlertChannelsQuery();
  const deployments = useDeploymentsQuery();
  const del = useAlertingMutation();
  const [editing, setEditing] = useState<string | null>(null);
  const channelName = new Map(channels.data?.map((c) => [c.id, c.name]));
  const depName = new Map(deployments.data?.map((d) => [d.id, d.name]));
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Alert rules</h1>
      {isPending && <Skeleton className="h-32" />}
      {error && <ErrorBanner title="Could not load rules" error={error} />}
      {del.error && <ErrorBanner title="The change was refused" error={del.error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">No rules: nothing sends alerts yet.</p>
          ) : (
            <ul>
              {data.map((r) =>
                editing === r.id ? (
                  <li key={r.id} className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800">
                    <RuleForm initial={r} onDone={() => setEditing(null)} />
                  </li>
                ) : (
                  <li
                    key={r.id}
                    className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800"
                    data-testid="rule-row"
                  >
                    <div className="flex items-baseline gap-3">
                      <span className="font-semibold">{r.name}</span>
                      {!r.enabled && <span className="text-xs text-slate-500">disabled</span>}
                      <span className="text-sm text-slate-500">
                        → {r.channelIds.map((id) => channelName.get(id) ?? id).join(", ") || "no channel"}
                        {r.notifyOnResolve ? " · on resolve too" : ""}
                      </span>
                      {r.provisioned && (
                        <span className="ml-auto">
                          <ProvisionedBadge />
                        </span>
                      )}
                      {canEdit && !r.provisioned && (
                        <button
                          type="button"
                          className="ml-auto text-sm text-sky-600 hover:underline"
                          onClick={() => setEditing(r.id)}
                        >
                          Edit
                        </button>
                      )}
                      {canEdit && !r.provisioned && (
                        <button
                          type="button"
                          className="text-sm text-sky-600 hover:underline"
                          onClick={() =>
                            del.mutate({
                              method: "PUT",
                              url: `/api/alerts/rules/${r.id}`,
                              body: { ...withoutId(r), enabled: !r.enabled },
                            })
                          }
                        >
                          {r.enabled ? "Disable" : "Enable"}
                        </button>
                      )}
                      {canEdit && !r.provisioned && (
                        <button
                          type="button"
                          className="text-sm text-red-500 hover:underline"
                          onClick={() =>
                            window.confirm(`Delete rule ${r.name}?`) &&
                            del.mutate({ method: "DELETE", url: `/api/alerts/rules/${r.id}` })
                          }
                        >
                          Delete
                        </button>
                      )}
                    </div>
                    <p className="text-sm text-slate-600 dark:text-slate-400">{describe(r, depName)}</p>
                  </li>
                ),
              )}
            </ul>
          )}
        </Card>
      )}
      {canEdit && <AddToggle label="Add a rule">{(done) => <RuleForm onDone={done} />}</AddToggle>}
    </div>
  );
}
