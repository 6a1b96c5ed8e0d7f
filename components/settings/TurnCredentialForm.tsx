"use client";

import { useState, type FormEvent } from "react";
import { inputClass } from "@/components/ui/Field";
import { useSettingsMutation } from "./useSettingsMutation";

/**
 * The TURN client credentials of one Expressway-E (C3): CMS never returns a turnServer password,
 * so the admin enters them here for the TURN probe (C5, T1). Write-only, like every password.
 */
export function TurnCredentialForm({ deploymentId, nodeId }: { deploymentId: string; nodeId: string }) {
  const save = useSettingsMutation();
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setSaved(false);
    save.mutate(
      { method: "PUT", url: `/api/deployments/${deploymentId}/turn-credentials/${nodeId}`, body: { username: f.get("username"), password: f.get("password") } },
      { onSuccess: () => (form.reset(), setSaved(true)) },
    );
  };
  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="turn-credential-form">
      <span className="text-slate-500">TURN credentials (C3):</span>
      <input name="username" aria-label="TURN username" placeholder="cmsturn" required className={`${inputClass} w-40 py-1`} />
      <input name="password" type="password" aria-label="TURN password" placeholder="password" required autoComplete="new-password" className={`${inputClass} w-40 py-1`} />
      <button type="submit" disabled={save.isPending} className="rounded border border-slate-400 px-3 py-1">Save</button>
      {saved && <span className="text-emerald-500">Saved (set)</span>}
      {save.error && <span role="alert" className="text-red-500">{save.error.message}</span>}
    </form>
  );
}
