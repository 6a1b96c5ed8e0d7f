"use client";

import { useState, type FormEvent } from "react";
import { AddToggle } from "@/components/ui/AddToggle";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Field, inputClass } from "@/components/ui/Field";
import { ProvisionedBadge } from "@/components/ui/ProvisionedBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import { CHANNEL_FIELDS, CHANNEL_TYPES, type ChannelType } from "@/lib/domain/alerts/channel-config";
import type { ChannelView } from "@/lib/domain/alerts/types";
import { useAlertChannelsQuery } from "./useAlertChannelsQuery";
import { useAlertingMutation } from "./useAlertingMutation";

const TYPE_LABEL: Record<ChannelType, string> = {
  webhook: "Webhook (JSON, HMAC)",
  email: "E-mail (SMTP)",
  teams: "Microsoft Teams (Workflows)",
  webex: "Webex (bot)",
  slack: "Slack-style webhook",
};

/** Adds a channel, or edits one (`initial`): secrets left empty keep their stored value. */
function ChannelForm({ onDone, initial }: { onDone: () => void; initial?: ChannelView }) {
  const [type, setType] = useState<ChannelType>(initial?.type ?? "webhook");
  const save = useAlertingMutation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const config: Record<string, unknown> = {};
    for (const field of CHANNEL_FIELDS[type]) {
      const v = String(f.get(field.key) ?? "").trim();
      if (!v) continue;
      config[field.key] =
        field.kind === "number"
          ? Number(v)
          : field.kind === "list"
            ? v
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean)
            : v;
    }
    const body = { name: f.get("name"), type, config, enabled: initial?.enabled ?? true };
    save.mutate(
      initial
        ? { method: "PUT", url: `/api/alerts/channels/${initial.id}`, body }
        : { method: "POST", url: "/api/alerts/channels", body },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2">
      <Field label="Name">
        <input name="name" required defaultValue={initial?.name} className={inputClass} />
      </Field>
      <Field label="Type">
        <select
          value={type}
          onChange={(e) => setType(e.target.value as ChannelType)}
          disabled={!!initial}
          className={inputClass}
        >
          {CHANNEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </Field>
      {CHANNEL_FIELDS[type].map((field) => (
        <Field
          key={`${type}-${field.key}`}
          label={`${field.label}${field.optional ? " (optional)" : ""}`}
          hint={
            field.secret
              ? initial?.secretsSet.includes(field.key)
                ? "Set; leave empty to keep it"
                : "Stored sealed; never shown again"
              : undefined
          }
        >
          {field.kind === "select" ? (
            <select name={field.key} defaultValue={shownValue(initial, field.key)} className={inputClass}>
              {field.options?.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : field.kind === "textarea" ? (
            <textarea name={field.key} rows={3} defaultValue={shownValue(initial, field.key)} className={inputClass} />
          ) : (
            <input
              name={field.key}
              type={field.secret ? "password" : field.kind === "number" ? "number" : "text"}
              required={!field.optional && !(field.secret && initial?.secretsSet.includes(field.key))}
              defaultValue={shownValue(initial, field.key)}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </Field>
      ))}
      <div className="md:col-span-2">
        {save.error && <ErrorBanner title="The channel was refused" error={save.error} />}
        <button type="submit" className="mt-2 rounded bg-sky-600 px-4 py-2 font-medium text-white">
          {initial ? "Save channel" : "Add channel"}
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

/** A stored public value as a form field shows it (lists comma-separated); secrets never. */
const shownValue = (c: ChannelView | undefined, key: string): string | undefined => {
  const v = c?.config[key];
  return v === undefined ? undefined : Array.isArray(v) ? v.join(", ") : String(v);
};

function ChannelRow({ c, canEdit }: { c: ChannelView; canEdit: boolean }) {
  const act = useAlertingMutation();
  const [tested, setTested] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800">
        <ChannelForm initial={c} onDone={() => setEditing(false)} />
      </li>
    );
  const shown = Object.entries(c.config).map(
    ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v).slice(0, 80)}`,
  );
  return (
    <li
      className="border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800"
      data-testid="channel-row"
      data-failing={c.failing}
    >
      <div className="flex flex-wrap items-baseline gap-3">
        <span className="font-semibold">{c.name}</span>
        <span className="text-sm text-slate-500">{TYPE_LABEL[c.type]}</span>
        {c.failing ? (
          <span className="rounded bg-red-600 px-2 text-xs font-bold text-white">
            FAILING since {new Date(c.failingSince!).toLocaleString([], { hourCycle: "h23" })}
          </span>
        ) : (
          <span className="rounded bg-emerald-600 px-2 text-xs font-bold text-white">OK</span>
        )}
        {!c.enabled && <span className="text-xs text-slate-500">disabled</span>}
        {c.provisioned && (
          <span className="ml-auto">
            <ProvisionedBadge />
          </span>
        )}
        {canEdit && (
          <span className={`${c.provisioned ? "" : "ml-auto "}flex gap-3 text-sm`}>
            <button
              type="button"
              className="text-sky-600 hover:underline"
              onClick={() =>
                act.mutate(
                  { method: "POST", url: `/api/alerts/channels/${c.id}/test` },
                  { onSuccess: () => setTested("Test message delivered."), onError: () => setTested(null) },
                )
              }
            >
              Send test
            </button>
            {!c.provisioned && (
              <>
                <button type="button" className="text-sky-600 hover:underline" onClick={() => setEditing(true)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="text-sky-600 hover:underline"
                  onClick={() =>
                    act.mutate({
                      method: "PUT",
                      url: `/api/alerts/channels/${c.id}`,
                      body: { name: c.name, type: c.type, config: c.config, enabled: !c.enabled },
                    })
                  }
                >
                  {c.enabled ? "Disable" : "Enable"}
                </button>
                <button
                  type="button"
                  className="text-red-500 hover:underline"
                  onClick={() =>
                    window.confirm(`Delete channel ${c.name}?`) &&
                    act.mutate({ method: "DELETE", url: `/api/alerts/channels/${c.id}` })
                  }
                >
                  Delete
                </button>
              </>
            )}
          </span>
        )}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {[...shown, ...c.secretsSet.map((s) => `${s}: set`)].join(" · ")}
      </p>
      {c.lastError && <p className="text-sm text-red-600 dark:text-red-400">Last error: {c.lastError}</p>}
      <p className="text-xs text-slate-500">
        Last delivered: {c.lastSentAt ? new Date(c.lastSentAt).toLocaleString([], { hourCycle: "h23" }) : "never"}
      </p>
      {tested && <p className="text-sm text-emerald-600">{tested}</p>}
      {act.error && <ErrorBanner title="Send test failed" error={act.error} />}
    </li>
  );
}

export function ChannelsView({ canEdit }: { canEdit: boolean }) {
  const { data, error, isPending } = useAlertChannelsQuery();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Channels</h1>
      {isPending && <Skeleton className="h-32" />}
      {error && <ErrorBanner title="Could not load channels" error={error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">No channels yet.</p>
          ) : (
            <ul>
              {data.map((c) => (
                <ChannelRow key={c.id} c={c} canEdit={canEdit} />
              ))}
            </ul>
          )}
        </Card>
      )}
      {canEdit && <AddToggle label="Add a channel">{(done) => <ChannelForm onDone={done} />}</AddToggle>}
    </div>
  );
}
