import type { ScenarioCause } from "@/lib/domain/checks";
import { causeStrength } from "@/lib/domain/verdict-words";

const TONE = (c: ScenarioCause) =>
  c.confirmed || c.confidence >= 0.7
    ? "border-red-500"
    : c.confidence >= 0.35
      ? "border-amber-500"
      : "border-slate-400";

/** One cause, said first, then what was found, what it rests on, and its own numbered fix. */
/** "1", "2 and 3", "2, 3 and 4": causes named by their place in the list, as the reader sees them. */
const places = (ns: number[]) => (ns.length < 2 ? ns.join("") : `${ns.slice(0, -1).join(", ")} and ${ns.at(-1)}`);

export function CauseItem({
  cause,
  index,
  open,
  placeOf,
}: {
  cause: ScenarioCause;
  index: number;
  open: boolean;
  placeOf: (id: string) => number;
}) {
  return (
    <li
      className={`rounded border-l-4 bg-slate-50 p-3 dark:bg-slate-950 ${TONE(cause)}`}
      data-testid="cause"
      data-cause={cause.id}
    >
      <p className="text-lg font-semibold">
        <span className="mr-2 text-slate-500">{index + 1}.</span>
        {cause.title}
        <span className="ml-2 text-sm font-normal text-slate-500" data-testid="cause-strength">
          {causeStrength(cause)}
        </span>
      </p>
      {cause.explains.length > 0 && (
        <p className="text-sm">
          Root cause: it explains {cause.explains.length === 1 ? "cause" : "causes"}{" "}
          {places(cause.explains.map(placeOf).sort((a, b) => a - b))} below.
        </p>
      )}
      {cause.explainedBy.length > 0 && (
        <p className="text-sm text-slate-500">
          Follows from cause {places(cause.explainedBy.map(placeOf).sort((a, b) => a - b))}: fix that first.
        </p>
      )}
      <p className="mt-1 text-sm">{cause.text}</p>
      <details className="mt-2" open={open}>
        <summary className="cursor-pointer text-sm font-semibold">
          Fix ({cause.fix.length} steps) and what this rests on
        </summary>
        <ol className="mt-1 list-decimal space-y-1 pl-6" data-testid={open ? "fix-steps" : undefined}>
          {cause.fix.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ol>
        <p className="mt-2 text-xs font-semibold uppercase text-slate-500">Rests on</p>
        <ul className="list-disc space-y-0.5 pl-6 text-xs text-slate-600 dark:text-slate-400" data-testid="basis">
          {cause.basis.map((b, i) => (
            <li key={i} className="whitespace-pre-wrap break-words">
              {b}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
