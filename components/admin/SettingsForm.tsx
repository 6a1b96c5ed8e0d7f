"use client";

import type { FormEvent } from "react";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { decimalField, settingsSchema, type Settings } from "@/lib/domain/settings";
import { useSaveSettingsMutation } from "./useSaveSettingsMutation";
import { useSettingsQuery } from "./useSettingsQuery";

const FIELDS: { key: keyof Settings; label: string; hint: string }[] = [
  {
    key: "rawSampleRetentionDays",
    label: "Raw samples (days)",
    hint: "Relay counts and RTTs as polled; charts of ranges up to ~2.7 hours.",
  },
  { key: "rollupMinuteRetentionDays", label: "1-minute rollups (days)", hint: "Charts of ranges up to ~16 hours." },
  {
    key: "rollup5MinuteRetentionDays",
    label: "5-minute rollups (days)",
    hint: "The 24-hour view; ranges up to 3.5 days.",
  },
  {
    key: "rollup15MinuteRetentionDays",
    label: "15-minute rollups (days)",
    hint: "The 7-day view; ranges up to 10 days.",
  },
  { key: "rollupHourRetentionDays", label: "Hourly rollups (days)", hint: "The 30-day view; ranges up to 41 days." },
  { key: "rollup6HourRetentionDays", label: "6-hour rollups (days)", hint: "The 90-day view; ranges up to 250 days." },
  { key: "rollupDayRetentionDays", label: "Daily rollups (days)", hint: "The 1-year view and longer." },
  { key: "pollRunRetentionDays", label: "Poll attempts (days)", hint: "Outcomes and errors of each poll." },
  { key: "auditRetentionDays", label: "Audit log (days)", hint: "Logins, changes and probes; at least 30." },
];

/** The form's fields as the strict schema reads them: "30" → 30, anything else left for it to refuse. */
const formValues = (form: HTMLFormElement) =>
  Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, decimalField(v)]));

export function SettingsForm() {
  const { data, error, isPending } = useSettingsQuery();
  const save = useSaveSettingsMutation();
  const {
    errors: fieldErrors,
    onBlur,
    checkAll,
  } = useFieldErrors((form) => settingsSchema.safeParse(formValues(form)));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = settingsSchema.safeParse(formValues(e.currentTarget));
    if (!checkAll(e.currentTarget) || !parsed.success) return;
    save.mutate(parsed.data);
  };

  return (
    <section className="space-y-4">
      <h2 className="text-2xl font-semibold">Retention</h2>
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load settings" error={error} />}
      {data && (
        <Card>
          <form onSubmit={submit} onBlur={onBlur} noValidate className="space-y-4">
            {FIELDS.map((f) => (
              <label key={f.key} className="block max-w-md">
                <span className="text-sm font-medium">{f.label}</span>
                <input
                  name={f.key}
                  type="number"
                  defaultValue={data[f.key]}
                  className="mt-1 block w-40 rounded border border-slate-400 bg-transparent px-3 py-2"
                  aria-invalid={!!fieldErrors[f.key]}
                />
                <span className="text-xs text-slate-500">{f.hint}</span>
                {fieldErrors[f.key] && (
                  <span role="alert" className="block text-sm text-red-500">
                    {fieldErrors[f.key]}
                  </span>
                )}
              </label>
            ))}
            <button
              type="submit"
              disabled={save.isPending}
              className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white"
            >
              Save
            </button>
            {save.isSuccess && <span className="ml-3 text-sm text-emerald-500">Saved.</span>}
            {save.error && <ErrorBanner title="Not saved" error={save.error} />}
          </form>
        </Card>
      )}
    </section>
  );
}
