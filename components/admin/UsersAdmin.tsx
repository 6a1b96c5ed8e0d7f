"use client";

import { useState, type FormEvent } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { ROLES, type Role } from "@/lib/domain/roles";
import { formatDateTime } from "@/lib/domain/time-format";
import { useUserMutation } from "./useUserMutation";
import { useUsersQuery } from "./useUsersQuery";

export function UsersAdmin() {
  const { data, error, isPending } = useUsersQuery();
  const mutate = useUserMutation();
  const [formError, setFormError] = useState<string | null>(null);

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    setFormError(null);
    mutate.mutate(
      { method: "POST", body: { username: f.get("username"), password: f.get("password"), role: f.get("role") } },
      { onSuccess: () => form.reset(), onError: (err) => setFormError(err.message) },
    );
  };
  const resetPassword = (id: string) => {
    const password = window.prompt("Temporary password (12+ characters); the user must change it at next login:");
    if (password)
      mutate.mutate({ method: "PUT", id, body: { password } }, { onError: (err) => setFormError(err.message) });
  };

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Users</h1>
      {isPending && <Skeleton className="h-40" />}
      {error && <ErrorBanner title="Could not load users" error={error} />}
      {mutate.error && !formError && <ErrorBanner title="The change was refused" error={mutate.error} />}
      {data && (
        <Card>
          <table className="w-full text-left">
            <thead className="text-sm text-slate-500">
              <tr>
                <th className="py-2">User</th>
                <th>Role</th>
                <th>Last login</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.map((u) => (
                <tr key={u.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-2 font-medium">
                    {u.username}
                    {u.mustChangePassword && <span className="ml-2 text-xs text-amber-500">must change password</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      onChange={(e) =>
                        mutate.mutate({ method: "PUT", id: u.id, body: { role: e.target.value as Role } })
                      }
                      className="rounded border border-slate-400 bg-transparent px-2 py-1"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="text-sm text-slate-500">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "never"}</td>
                  <td className="space-x-3 text-right text-sm">
                    <button type="button" onClick={() => resetPassword(u.id)} className="text-sky-500 hover:underline">
                      Reset password
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        window.confirm(`Delete ${u.username}?`) && mutate.mutate({ method: "DELETE", id: u.id })
                      }
                      className="text-red-500 hover:underline"
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <Card title="Add a user">
        <form onSubmit={create} className="flex flex-wrap items-end gap-4">
          <label className="block">
            <span className="text-sm">Username</span>
            <input
              name="username"
              required
              className="mt-1 block rounded border border-slate-400 bg-transparent px-3 py-2"
            />
          </label>
          <label className="block">
            <span className="text-sm">Password (12+)</span>
            <input
              name="password"
              type="password"
              required
              autoComplete="new-password"
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
          <button type="submit" className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white">
            Add
          </button>
        </form>
        {formError && (
          <p role="alert" className="mt-2 text-sm text-red-500">
            {formError}
          </p>
        )}
      </Card>
    </div>
  );
}
