"use client";

import { useState, type FormEvent } from "react";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { Field, inputClass } from "@/components/ui/Field";
import type { ApiRequestError } from "@/lib/client/fetch-json";
import { nodeInput, nodeUpdateInput } from "@/lib/domain/deployment-input";
import { PASSWORD_AGAIN_MESSAGE, passwordBoundChanges } from "@/lib/domain/node-trust";
import { NODE_ROLES, ROLE_LABELS } from "@/lib/domain/types";
import type { NodeRow } from "./useNodesQuery";
import { useSettingsMutation } from "./useSettingsMutation";

/** Form values → API body: empty optional fields become null, an empty password keeps the stored one. */
function toBody(form: FormData, editing: boolean): Record<string, unknown> {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const body: Record<string, unknown> = {
    role: text("role"),
    name: text("name"),
    baseUrl: text("baseUrl"),
    username: text("username"),
    caPem: text("caPem") || null,
    tlsInsecure: form.get("tlsInsecure") === "on",
    privateAddress: text("privateAddress") || null,
    publicAddress: text("publicAddress") || null,
    turnProbeTarget: text("turnProbeTarget") || null,
    tlsProbeTarget: text("tlsProbeTarget") || null,
    turnRelayCapacity: text("turnRelayCapacity") || null,
    tlsAuditTargets: String(form.get("tlsAuditTargets") ?? "").trim() || null,
  };
  const password = String(form.get("password") ?? "");
  if (password || !editing) body.password = password;
  return body;
}

export function NodeForm({
  deploymentId,
  node,
  onDone,
}: {
  deploymentId: string;
  node?: NodeRow;
  onDone?: () => void;
}) {
  const save = useSettingsMutation();
  const { errors, setErrors, onBlur, checkAll } = useFieldErrors((form) =>
    (node ? nodeUpdateInput : nodeInput).safeParse(toBody(new FormData(form), !!node)),
  );
  const [insecure, setInsecure] = useState(node?.tlsInsecure ?? false);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = toBody(new FormData(form), !!node);
    if (!checkAll(form)) return;
    // A new host, port or CA needs the password again (lib/domain/node-trust.ts), said before sending.
    const parsed = nodeUpdateInput.safeParse(body);
    if (node && parsed.success && body.password === undefined && passwordBoundChanges(node, parsed.data).length > 0)
      return setErrors({ password: PASSWORD_AGAIN_MESSAGE });
    save.mutate(
      {
        method: node ? "PUT" : "POST",
        url: `/api/deployments/${deploymentId}/nodes${node ? `/${node.id}` : ""}`,
        body,
      },
      {
        onSuccess: () => (node ? onDone?.() : (form.reset(), onDone?.())),
        onError: (err) => setErrors({ ...(err as ApiRequestError).fields, _: err.message }),
      },
    );
  };

  const input = (name: keyof NodeRow | "password", props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      name={name}
      defaultValue={name === "password" ? "" : String((node?.[name as keyof NodeRow] as string | null) ?? "")}
      className={inputClass}
      aria-invalid={!!errors[name]}
      {...props}
    />
  );

  return (
    <form
      onSubmit={submit}
      onBlur={onBlur}
      noValidate
      className="grid gap-4 rounded-lg border border-slate-300 p-4 md:grid-cols-3 dark:border-slate-700"
      data-testid="node-form"
    >
      <Field label="Role" error={errors.role}>
        <select name="role" defaultValue={node?.role ?? "EXPRESSWAY_E"} className={inputClass}>
          {NODE_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Name" error={errors.name}>
        {input("name", { placeholder: "vcs-e1.example.com" })}
      </Field>
      <Field
        label="Management URL"
        error={errors.baseUrl}
        hint="HTTPS, with the admin port (e.g. :445 on Expressway-E, C4)"
      >
        {input("baseUrl", { placeholder: "https://vcs-e1.example.com:445" })}
      </Field>
      <Field label="API username" error={errors.username}>
        {input("username", { autoComplete: "off" })}
      </Field>
      <Field
        label="API password"
        error={errors.password}
        hint={
          node
            ? node.passwordSet
              ? "set · leave empty to keep it"
              : "unreadable with this server's key · enter it again"
            : "stored encrypted; never shown again"
        }
      >
        {input("password", {
          type: "password",
          autoComplete: "new-password",
          placeholder: node?.passwordSet ? "•••••• (set)" : "",
        })}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field label="Private address" error={errors.privateAddress}>
          {input("privateAddress", { placeholder: "10.0.0.36" })}
        </Field>
        <Field label="Public address" error={errors.publicAddress}>
          {input("publicAddress", { placeholder: "203.0.113.5" })}
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field
          label="TURN probe target"
          error={errors.turnProbeTarget}
          hint="Expressway-E; empty = public address:3478"
        >
          {input("turnProbeTarget", { placeholder: "203.0.113.5:3478" })}
        </Field>
        <Field label="TLS probe target" error={errors.tlsProbeTarget} hint="Expressway-E; empty = public address:443">
          {input("tlsProbeTarget", { placeholder: "203.0.113.5:443" })}
        </Field>
        <Field
          label="TURN relay capacity"
          error={errors.turnRelayCapacity}
          hint="Expressway-E; empty = 1800 (Small/Medium), Large VM 6000"
        >
          {input("turnRelayCapacity", { placeholder: "1800" })}
        </Field>
      </div>
      <div className="md:col-span-2">
        <Field label="CA certificate (PEM)" error={errors.caPem} hint="Empty: the system's trusted CAs">
          <textarea
            name="caPem"
            rows={3}
            defaultValue={node?.caPem ?? ""}
            className={`${inputClass} font-mono text-xs`}
            aria-invalid={!!errors.caPem}
          />
        </Field>
      </div>
      <div className="md:col-span-3">
        <Field
          label="Extra certificate targets"
          error={errors.tlsAuditTargets}
          hint='One per line: "label = host:port [name]", e.g. "Web Bridge = 10.0.0.20:443 webbridge.example.com"'
        >
          <textarea
            name="tlsAuditTargets"
            rows={2}
            defaultValue={node?.tlsAuditTargets ?? ""}
            className={`${inputClass} font-mono text-xs`}
            aria-invalid={!!errors.tlsAuditTargets}
          />
        </Field>
      </div>
      <div>
        <label className="flex items-center gap-2 pt-6">
          <input
            type="checkbox"
            name="tlsInsecure"
            checked={insecure}
            onChange={(e) => setInsecure(e.target.checked)}
          />
          <span className={insecure ? "font-semibold text-red-500" : ""}>Skip TLS verification (insecure)</span>
        </label>
        {insecure && (
          <p className="text-sm text-red-500">Anyone between Edgescope and this node could read its API password.</p>
        )}
      </div>
      <div className="md:col-span-3 flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {node ? "Save node" : "Add node"}
        </button>
        {onDone && node && (
          <button type="button" onClick={onDone} className="text-sm text-slate-500 hover:underline">
            Cancel
          </button>
        )}
        {errors._ && (
          <p role="alert" className="text-sm text-red-500">
            {errors._}
          </p>
        )}
      </div>
    </form>
  );
}
