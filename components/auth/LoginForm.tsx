"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { safeNextPath } from "@/lib/domain/safe-next";

/** After login: go to `next` (login page) or reload the page that asked for a login (401 page). */
export function LoginForm({ next, before }: { next?: string; before?: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await fetchJson("/api/auth/login", {
        method: "POST",
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      if (next) window.location.assign(safeNextPath(next, window.location.origin));
      else window.location.reload();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="mx-auto mt-24 w-full max-w-sm space-y-4 rounded-xl border border-slate-300 bg-white p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <h1 className="text-2xl font-bold">Log in to Edgescope</h1>
      {before}
      <label className="block">
        <span className="text-sm">Username</span>
        <input
          name="username"
          autoComplete="username"
          required
          className="mt-1 w-full rounded border border-slate-400 bg-transparent px-3 py-2"
        />
      </label>
      <label className="block">
        <span className="text-sm">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-400 bg-transparent px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-500">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-sky-600 py-2 font-semibold text-white disabled:opacity-60"
      >
        {busy ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
