"use client";

import type { FormEvent } from "react";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { Field, inputClass } from "@/components/ui/Field";
import type { ApiRequestError } from "@/lib/client/fetch-json";
import { deploymentInput, type DeploymentInput } from "@/lib/domain/deployment-input";
import { useSettingsMutation } from "./useSettingsMutation";

/** Form values → API body: empty resolvers become null, the threshold a number, the flag a boolean. */
function toBody(form: FormData): Record<string, unknown> {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const rtt = text("rttThresholdMs");
  return {
    name: text("name"),
    joinUrl: text("joinUrl"),
    callBridgeDomain: text("callBridgeDomain"),
    outsideResolver: text("outsideResolver") || null,
    insideResolver: text("insideResolver") || null,
    jabberGuest: form.get("jabberGuest") === "on",
    ...(rtt ? { rttThresholdMs: Number(rtt) } : {}),
  };
}

/** Create (no `id`) or edit a deployment; the same zod schema as the API checks it before sending. */
export function DeploymentForm({
  id,
  initial,
  onDone,
}: {
  id?: string;
  initial?: DeploymentInput;
  onDone?: () => void;
}) {
  const save = useSettingsMutation();
  const { errors, setErrors, onBlur, checkAll } = useFieldErrors((form) =>
    deploymentInput.safeParse(toBody(new FormData(form))),
  );

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const parsed = deploymentInput.safeParse(toBody(new FormData(form)));
    if (!checkAll(form) || !parsed.success) return;
    save.mutate(
      { method: id ? "PUT" : "POST", url: id ? `/api/deployments/${id}` : "/api/deployments", body: parsed.data },
      {
        onSuccess: () => (id ? onDone?.() : (form.reset(), onDone?.())),
        onError: (err) => setErrors({ ...(err as ApiRequestError).fields, _: err.message }),
      },
    );
  };

  return (
    <form onSubmit={submit} onBlur={onBlur} className="grid gap-4 md:grid-cols-4 md:items-start" noValidate>
      <Field label="Name" error={errors.name}>
        <input name="name" defaultValue={initial?.name} className={inputClass} aria-invalid={!!errors.name} />
      </Field>
      <Field label="Join URL" error={errors.joinUrl} hint="FQDN outside browsers open">
        <input
          name="joinUrl"
          defaultValue={initial?.joinUrl}
          placeholder="webbridge.example.com"
          className={inputClass}
          aria-invalid={!!errors.joinUrl}
        />
      </Field>
      <Field label="Call bridge domain" error={errors.callBridgeDomain} hint="for the _xmpp-client SRV record (T3/T4)">
        <input
          name="callBridgeDomain"
          defaultValue={initial?.callBridgeDomain}
          placeholder="example.com"
          className={inputClass}
          aria-invalid={!!errors.callBridgeDomain}
        />
      </Field>
      <Field
        label="Outside resolver"
        error={errors.outsideResolver}
        hint="IP:port answering as the internet sees DNS (R8)"
      >
        <input
          name="outsideResolver"
          defaultValue={initial?.outsideResolver ?? ""}
          placeholder="192.0.2.53:53"
          className={inputClass}
          aria-invalid={!!errors.outsideResolver}
        />
      </Field>
      <Field label="Inside resolver" error={errors.insideResolver} hint="IP:port the Call Bridge uses (R9, T2–T4)">
        <input
          name="insideResolver"
          defaultValue={initial?.insideResolver ?? ""}
          placeholder="10.0.0.53:53"
          className={inputClass}
          aria-invalid={!!errors.insideResolver}
        />
      </Field>
      <Field label="TURN RTT threshold (ms)" error={errors.rttThresholdMs} hint="V4 warns above it">
        <input
          name="rttThresholdMs"
          type="number"
          min={1}
          defaultValue={initial?.rttThresholdMs ?? 200}
          className={inputClass}
          aria-invalid={!!errors.rttThresholdMs}
        />
      </Field>
      <label className="flex items-center gap-2 pt-6">
        <input type="checkbox" name="jabberGuest" defaultChecked={initial?.jabberGuest ?? false} /> This Expressway pair
        also serves Jabber Guest (R12)
      </label>
      <div className="pt-6">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {id ? "Save" : "Add deployment"}
        </button>
        {errors._ && !Object.keys(errors).some((k) => k !== "_") && (
          <p role="alert" className="mt-2 text-sm text-red-500">
            {errors._}
          </p>
        )}
      </div>
    </form>
  );
}
