import Link from "next/link";
import { hasRole, type SessionUser } from "@/lib/domain/roles";
import { LogoutButton } from "@/components/auth/LogoutButton";
import { ThemeToggle } from "./ThemeToggle";

export function AppHeader({ user }: { user: SessionUser }) {
  const links = [
    { href: "/", label: "Board", role: "viewer" as const },
    { href: "/history", label: "History", role: "viewer" as const },
    { href: "/certificates", label: "Certificates", role: "viewer" as const },
    { href: "/troubleshoot", label: "Troubleshoot", role: "engineer" as const },
    { href: "/alerts", label: "Alerts", role: "viewer" as const },
    { href: "/api-docs", label: "API", role: "viewer" as const },
    { href: "/admin/users", label: "Users", role: "admin" as const },
    { href: "/admin/audit", label: "Audit log", role: "admin" as const },
    { href: "/admin/tokens", label: "API tokens", role: "admin" as const },
    { href: "/admin/settings", label: "Settings", role: "admin" as const },
  ].filter((l) => hasRole(user.role, l.role));
  return (
    <header className="flex flex-wrap items-center gap-6 border-b border-slate-300 px-6 py-3 dark:border-slate-800">
      <Link href="/" className="text-xl font-semibold tracking-tight">
        Edgescope
      </Link>
      <nav className="flex gap-4 text-sm text-slate-600 dark:text-slate-400">
        {links.map((l) => (
          <Link
            key={l.href}
            href={l.href}
            className="rounded hover:text-slate-900 focus-visible:outline-2 dark:hover:text-white"
          >
            {l.label}
          </Link>
        ))}
      </nav>
      <div className="ml-auto flex items-center gap-4 text-sm">
        <ThemeToggle />
        <span className="text-slate-500" data-testid="current-user">
          {user.username} · {user.role}
        </span>
        <Link href="/account/password" className="text-slate-500 hover:underline">
          Password
        </Link>
        <LogoutButton />
      </div>
    </header>
  );
}
