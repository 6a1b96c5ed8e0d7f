"use client";

import { fetchJson } from "@/lib/client/fetch-json";

export function LogoutButton() {
  const logout = async () => {
    await fetchJson("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    window.location.assign("/login");
  };
  return (
    <button type="button" onClick={logout} className="rounded bg-slate-200 px-3 py-1 font-medium dark:bg-slate-800">
      Log out
    </button>
  );
}
