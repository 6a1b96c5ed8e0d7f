"use client";

import { useState, type FormEvent } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { ROLES, type Role } from "@/lib/domain/roles";
import { useCreateTokenMutation, type CreatedToken } from "./useCreateTokenMutation";
import { useRevokeTokenMutation } from "./useRevokeTokenMutation";
import { useTokensQuery } from "./useTokensQuery";

const when = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleString() : none);

export function TokensAdmin() {
  const { data, error, isPending } = useTokensQuery();
  const create = useCreateTokenMutation();
  const revoke = useRevokeTokenMutation();
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const expires = String(f.get("expiresAt") ?? "");
    setCreated(null);
    create.mutate(
      // The date field gives a day; the token ends at that day's end in this browser's time zone.
      {
        name: String(f.get("name")),
        role: f.get("role") as Role,
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      },
      {
        onSuccess: (t) => {
          setCreated(t);
          form.reset();
        },
      },
    );
  };

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">API tokens</h1>
      <p className="max-w-3xl text-slate-500">
        Scripts and scrapers send a token as <code>Authorization: Bearer …</code>. A token acts with its role on every
        API route and on <code>/metrics</code>; every use is written to the audit log under the token&apos;s name.
      </p>
      {created && (
        <Card title={`Token "${created.name}" created`}>
          <p className="text-sm text-amber-600 dark:text-amber-400">
            Copy it now: it is shown only once and Edgescope keeps only its hash.
          </p>
          <output
            data-testid="new-token"
            className="mt-2 block break-all rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-900"
          >
            {created.token}
          </output>
          <button
            type="button"
            onClick={() => void navigator.clipboard?.writeText(created.token)}
            className="mt-2 text-sm text-sky-500 hover:underline"
          >
            Copy
          </button>
        </Card>
      )}
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load tokens" error={error} />}
      {revoke.error && <ErrorBanner title="The token was not revoked" error={revoke.error} />}
      {data && (
        <Card>
          {data.length === 0 ? (
            <p className="text-slate-500">No tokens yet.</p>
          ) : (
            <table className="w-full text-left">
              <thead className="text-sm text-slate-500">
                <tr>
                  <th className="py-2">Name</th>
                  <th>Role</th>
                  <th>Token</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((t) => (
                  <tr key={t.id} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-2 font-medium">{t.name}</td>
                    <td>{t.role}</td>
                    <td className="font-mono text-sm text-slate-500">{t.prefix}…</td>
                    <td className="text-sm text-slate-500">
                      {when(t.createdAt, "")}
                      {t.createdBy && <span className="block text-xs">by {t.createdBy}</span>}
                    </td>
                    <td className="text-sm text-slate-500">{when(t.expiresAt, "never")}</td>
                    <td className="text-sm text-slate-500">
                      {when(t.lastUsedAt, "never")}
                      {t.lastUsedIp && <span className="block text-xs">from {t.lastUsedIp}</span>}
                    </td>
                    <td className="text-right text-sm">
                      <button
                        type="button"
                        onClick={() =>
                          window.confirm(`Revoke ${t.name}? Scripts using it stop working at once.`) &&
                          revoke.mutate(t.id)
                        }
                        className="text-red-500 hover:underline"
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      <Card title="Create a token">
        <form onSubmit={submit} className="flex flex-wrap items-end gap-4">
          <label className="block">
            <span className="text-sm">Name</span>
            <input
              name="name"
              required
              placeholder="prometheus"
              className="mt-1 block rounded border border-slate-400 bg-transparent px-3 py-2"
            />
          </label>
          <label className="block">
            <span className="text-sm">Role</span>
            <select
              name="role"
              defaultValue="viewer"
              className="mt-1 block rounded border border-slate-400 bg-transparent px-3 py-2"
            >
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="text-sm">Expires (optional)</span>
            <input
              name="expiresAt"
              type="date"
              className="mt-1 block rounded border border-slate-400 bg-transparent px-3 py-2"
            />
          </label>
          <button type="submit" className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white">
            Create
          </button>
        </form>
        {create.error && (
          <p role="alert" className="mt-2 text-sm text-red-500">
            {create.error.message}
          </p>
        )}
      </Card>
    </div>
  );
}
