"use client";

export function ThemeToggle() {
  const toggle = () => {
    const dark = document.documentElement.classList.toggle("dark");
    try {
      localStorage.setItem("edgescope-theme", dark ? "dark" : "light");
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  };
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded border border-slate-400 px-2 py-1 text-slate-600 dark:border-slate-600 dark:text-slate-300"
      aria-label="Switch light or dark theme"
    >
      Theme
    </button>
  );
}
