"use client";

import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/client/fetch-json";

export function PasswordForm({ mustChange }: { mustChange: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    if (form.get("newPassword") !== form.get("repeat")) return setError("The two new passwords differ.");
    try {
      await fetchJson("/api/auth/password", {
        method: "POST",
        body: JSON.stringify({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") }),
      });
      setDone(true);
      if (mustChange) window.location.assign("/");
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="mx-auto mt-16 w-full max-w-sm space-y-4 rounded-xl border border-slate-300 bg-white p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <h1 className="text-2xl font-bold">Change password</h1>
      {mustChange && (
        <p className="text-sm text-amber-500">You logged in with a one-time password. Choose your own to continue.</p>
      )}
      {(["currentPassword", "newPassword", "repeat"] as const).map((name) => (
        <label key={name} className="block">
          <span className="text-sm">
            {
              {
                currentPassword: "Current password",
                newPassword: "New password (12+ characters)",
                repeat: "New password again",
              }[name]
            }
          </span>
          <input
            name={name}
            type="password"
            required
            autoComplete={name === "currentPassword" ? "current-password" : "new-password"}
            className="mt-1 w-full rounded border border-slate-400 bg-transparent px-3 py-2"
          />
        </label>
      ))}
      {error && (
        <p role="alert" className="text-sm text-red-500">
          {error}
        </p>
      )}
      {done && <p className="text-sm text-emerald-500">Password changed.</p>}
      <button type="submit" className="w-full rounded-lg bg-sky-600 py-2 font-semibold text-white">
        Change password
      </button>
    </form>
  );
}
