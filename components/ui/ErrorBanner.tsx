export function ErrorBanner({ title, error, hint }: { title: string; error: unknown; hint?: string }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-500 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">{title}</p>
      <p className="text-sm">{error instanceof Error ? error.message : String(error)}</p>
      {hint && <p className="mt-1 text-sm opacity-80">{hint}</p>}
    </div>
  );
}
