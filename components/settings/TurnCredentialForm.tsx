"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { queryKeys } from "@/lib/client/query-keys";
import { fieldErrors } from "@/lib/domain/form-errors";
import { turnCredentialInput } from "@/lib/domain/deployment-input";
import { formatDateTime } from "@/lib/domain/time-format";
import { useSettingsMutation } from "./useSettingsMutation";
import { useTurnCredentialsQuery } from "./useTurnCredentialsQuery";

/** One line with the state and the button (the shared inputClass is full width). */
const SMALL_INPUT = "w-48 rounded border border-slate-400 bg-transparent px-3 py-1 aria-[invalid=true]:border-red-500";

/**
 * The TURN client credentials of one Expressway-E (C3): CMS never returns a turnServer password,
 * so the admin enters them here for the TURN probe (C5, T1). Write-only, like every password: the
 * form says whether they are set (and the username), never the password.
 */
export function TurnCredentialForm({ deploymentId, nodeId }: { deploymentId: string; nodeId: string }) {
  const save = useSettingsMutation();
  const qc = useQueryClient();
  const stored = useTurnCredentialsQuery(deploymentId).data?.find((r) => r.nodeId === nodeId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const parsed = turnCredentialInput.safeParse({
      username: String(f.get("username") ?? ""),
      password: String(f.get("password") ?? ""),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    setSaved(false);
    save.mutate(
      { method: "PUT", url: `/api/deployments/${deploymentId}/turn-credentials/${nodeId}`, body: parsed.data },
      {
        onSuccess: () => (
          form.reset(), setSaved(true), qc.invalidateQueries({ queryKey: queryKeys.turnCredentials() })
        ),
      },
    );
  };
  const set = !!stored?.passwordSet;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-2 flex flex-wrap items-center gap-2 text-sm"
      data-testid="turn-credential-form"
      data-set={set}
    >
      <span className="text-slate-500">TURN credentials (C3):</span>
      <span
        data-testid="turn-credential-state"
        className={set ? "font-semibold text-emerald-600 dark:text-emerald-400" : "text-amber-600 dark:text-amber-400"}
      >
        {stored === undefined
          ? "…"
          : set
            ? `set · user ${stored.username}${stored.updatedAt ? ` · ${formatDateTime(stored.updatedAt)}` : ""}`
            : "not set"}
      </span>
      <input
        name="username"
        aria-label="TURN username"
        placeholder={set ? (stored!.username ?? "") : "cmsturn"}
        aria-invalid={!!errors.username}
        className={SMALL_INPUT}
      />
      <input
        name="password"
        type="password"
        aria-label="TURN password"
        placeholder={set ? "•••••• (set)" : "password"}
        aria-invalid={!!errors.password}
        autoComplete="new-password"
        className={SMALL_INPUT}
      />
      <button type="submit" disabled={save.isPending} className="rounded border border-slate-400 px-3 py-1">
        {set ? "Replace" : "Save"}
      </button>
      {saved && <span className="text-emerald-500">Saved (set)</span>}
      {errors.username && (
        <span role="alert" className="text-red-500">
          Username: {errors.username}
        </span>
      )}
      {errors.password && (
        <span role="alert" className="text-red-500">
          Password: {errors.password}
        </span>
      )}
      {save.error && (
        <span role="alert" className="text-red-500">
          {save.error.message}
        </span>
      )}
    </form>
  );
}
