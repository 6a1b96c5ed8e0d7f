"use client";

import type { FormEvent } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { useSaveSettingsMutation, type SettingsWithTargets } from "./useSaveSettingsMutation";
import { useSettingsQuery } from "./useSettingsQuery";

/** Extra hosts engineers may probe besides what the deployments name (admins may probe anything). */
export function ProbeTargetsForm() {
  const { data, error, isPending } = useSettingsQuery();
  const save = useSaveSettingsMutation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get("targets") ?? "");
    save.mutate({ probeExtraTargets: text.split(/[\s,]+/).filter(Boolean) });
  };
  return (
    <section className="space-y-4">
      <h2 className="text-2xl font-semibold">Probe targets</h2>
      {isPending && <Skeleton className="h-24" />}
      {error && <ErrorBanner title="Could not load settings" error={error} />}
      {data && (
        <Card>
          <form onSubmit={submit} className="space-y-3" data-testid="probe-targets-form">
            <p className="max-w-2xl text-sm text-slate-500">
              Engineers may probe only the hosts the deployments name: nodes&apos; URLs, addresses and probe targets,
              Join URLs and resolvers. Add other addresses, CIDR ranges or host names here, one per line.
            </p>
            <textarea
              name="targets"
              rows={4}
              defaultValue={((data as SettingsWithTargets).probeExtraTargets ?? []).join("\n")}
              placeholder={"10.20.0.0/16\njump.example.org"}
              className="block w-full max-w-md rounded border border-slate-400 bg-transparent px-3 py-2 font-mono text-sm"
            />
            <button
              type="submit"
              disabled={save.isPending}
              className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white"
            >
              Save probe targets
            </button>
            {save.isSuccess && <span className="ml-3 text-sm text-emerald-500">Saved.</span>}
            {save.error && <ErrorBanner title="Not saved" error={save.error} />}
          </form>
        </Card>
      )}
    </section>
  );
}
