import type { ReactNode } from "react";

/** A button of a History control group; `on` marks the chosen one (colour and aria-pressed). */
export function ToggleButton({
  on = false,
  onClick,
  disabled,
  children,
}: {
  on?: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={on}
      disabled={disabled}
      onClick={onClick}
      className={`rounded px-3 py-1 text-sm font-medium disabled:opacity-50 ${on ? "bg-sky-600 text-white" : "bg-slate-200 dark:bg-slate-800"}`}
    >
      {children}
    </button>
  );
}
