"use client";

import { useState, type FormEvent } from "react";
import { useDeploymentsQuery } from "@/components/hooks/useDeploymentsQuery";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Field, inputClass } from "@/components/ui/Field";
import { Skeleton } from "@/components/ui/Skeleton";
import { useAlertingMutation } from "./useAlertingMutation";
import { useMaintenanceQuery } from "./useMaintenanceQuery";

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { hourCycle: "h23" }) : "–");

function WindowForm() {
  const [recurring, setRecurring] = useState(false);
  const deployments = useDeploymentsQuery();
  const save = useAlertingMutation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const base = { deploymentId: f.get("deploymentId") || null, reason: f.get("reason") };
    const body = recurring
      ? { ...base, cron: f.get("cron"), durationMinutes: Number(f.get("durationMinutes")), timezone: f.get("timezone") }
      : {
          ...base,
          start: new Date(String(f.get("start"))).toISOString(),
          end: new Date(String(f.get("end"))).toISOString(),
        };
    save.mutate({ method: "POST", url: "/api/maintenance", body }, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2">
      <Field label="Deployment">
        <select name="deploymentId" className={inputClass}>
          <option value="">Every deployment</option>
          {deployments.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Reason">
        <input name="reason" required className={inputClass} placeholder="Expressway upgrade to X15.2" />
      </Field>
      <fieldset className="md:col-span-2 flex gap-4 text-sm">
        <label className="inline-flex gap-1">
          <input type="radio" checked={!recurring} onChange={() => setRecurring(false)} />
          One-off
        </label>
        <label className="inline-flex gap-1">
          <input type="radio" checked={recurring} onChange={() => setRecurring(true)} />
          Recurring
        </label>
      </fieldset>
      {recurring ? (
        <>
          <Field label="Cron expression" hint='minute hour day month weekday, e.g. "0 2 * * 0" = Sundays 02:00'>
            <input name="cron" required className={inputClass} defaultValue="0 2 * * 0" />
          </Field>
          <Field label="Duration, min">
            <input name="durationMinutes" type="number" min={1} required className={inputClass} defaultValue={120} />
          </Field>
          <Field label="Time zone" hint="IANA name, e.g. Europe/Zurich">
            <input
              name="timezone"
              required
              className={inputClass}
              defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone}
            />
          </Field>
        </>
      ) : (
        <>
          <Field label="Start">
            <input name="start" type="datetime-local" required className={inputClass} />
          </Field>
          <Field label="End">
            <input name="end" type="datetime-local" required className={inputClass} />
          </Field>
        </>
      )}
      <div className="md:col-span-2">
        {save.error && <ErrorBanner title="The window was refused" error={save.error} />}
        <button type="submit" className="mt-2 rounded bg-sky-600 px-4 py-2 font-medium text-white">
          Add window
        </button>
      </div>
    </form>
  );
}

export function MaintenanceView({ canEdit }: { canEdit: boolean }) {
  const { data, error, isPending } = useMaintenanceQuery();
  const del = useAlertingMutation();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Maintenance</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Alerts during a window are recorded but not sent; one still firing when the window ends is sent then.
      </p>
      {isPending && <Skeleton className="h-32" />}
      {error && <ErrorBanner title="Could not load windows" error={error} />}
      {del.error && <ErrorBanner title="The change was refused" error={del.error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">No maintenance windows.</p>
          ) : (
            <ul>
              {data.map((w) => (
                <li
                  key={w.id}
                  className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800"
                  data-testid="window-row"
                  data-active={w.active}
                >
                  <div className="flex flex-wrap items-baseline gap-3">
                    {w.active && (
                      <span className="rounded bg-[repeating-linear-gradient(45deg,#0284c7_0_6px,#0c4a6e_6px_12px)] px-2 text-xs font-bold text-white">
                        IN MAINTENANCE
                      </span>
                    )}
                    <span className="font-semibold">{w.deploymentName ?? "Every deployment"}</span>
                    <span>{w.reason}</span>
                    {canEdit && (
                      <button
                        type="button"
                        className="ml-auto text-sm text-red-500 hover:underline"
                        onClick={() => del.mutate({ method: "DELETE", url: `/api/maintenance/${w.id}` })}
                      >
                        {w.active ? "End now" : "Delete"}
                      </button>
                    )}
                  </div>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {w.cron
                      ? `"${w.cron}" (${w.timezone}) for ${w.durationMinutes} min · next ${time(w.nextStart)}`
                      : `${time(w.start)} – ${time(w.end)}`}{" "}
                    · by {w.createdBy}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {canEdit && (
        <Card title="Add a window">
          <WindowForm />
        </Card>
      )}
    </div>
  );
}
