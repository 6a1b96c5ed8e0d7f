import Link from "next/link";

const TABS = [
  { href: "/alerts", label: "Alerts" },
  { href: "/alerts/rules", label: "Alert rules" },
  { href: "/alerts/channels", label: "Channels" },
  { href: "/maintenance", label: "Maintenance" },
] as const;

/** The four alerting views, one row of links above each. */
export function AlertsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav className="mb-6 flex gap-2 border-b border-slate-300 dark:border-slate-800" aria-label="Alerting">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.href === current ? "border-sky-500 text-sky-600 dark:text-sky-400" : "border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
