import { DENSITIES, type Density } from "@/lib/domain/board-view";

const LABELS: Record<Density, string> = { comfortable: "Comfortable", compact: "Compact" };

/** Comfortable | Compact: two toggle buttons, the pressed one filled. */
export function DensitySwitch({ value, onChange }: { value: Density; onChange: (d: Density) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toggle-button group (WAI-ARIA pattern); a fieldset would need a legend the wall has no room for
    <div
      role="group"
      aria-label="Board density"
      className="inline-flex shrink-0 overflow-hidden rounded-md border border-slate-400 text-base dark:border-slate-600"
    >
      {DENSITIES.map((d) => (
        <button
          key={d}
          type="button"
          aria-pressed={value === d}
          onClick={() => onChange(d)}
          className={`px-3 py-1 outline-none focus-visible:ring-4 focus-visible:ring-inset focus-visible:ring-sky-500 ${value === d ? "bg-slate-800 font-semibold text-white dark:bg-slate-200 dark:text-slate-950" : "text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"}`}
        >
          {LABELS[d]}
        </button>
      ))}
    </div>
  );
}
