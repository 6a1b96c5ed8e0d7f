import type { Finding } from "@/lib/domain/findings";

const TONE = {
  fail: "border-red-500 text-red-500",
  warn: "border-amber-500 text-amber-500",
  info: "border-slate-500 text-slate-500",
} as const;

export function FindingList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return <p className="text-sm text-slate-500">No findings in this file.</p>;
  return (
    <ul className="space-y-3" data-testid="findings">
      {findings.map((f, i) => (
        <li
          key={`${f.id}-${i}`}
          className={`rounded border-l-4 bg-slate-50 p-3 dark:bg-slate-950 ${TONE[f.severity].split(" ")[0]}`}
        >
          <p className="font-semibold">
            <span className={`mr-2 uppercase ${TONE[f.severity].split(" ")[1]}`}>{f.severity}</span>
            {f.title}
            {f.scenarioIds.length > 0 && (
              <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-800">
                {f.scenarioIds.join(" · ")}
              </span>
            )}
            <span className="ml-2 text-xs text-slate-500">{f.confidence} confidence</span>
          </p>
          <p className="text-sm">{f.detail}</p>
          {f.evidence.length > 0 && (
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-500">
              {f.evidence.slice(0, 5).map((e, j) => (
                <li key={j} className="whitespace-pre-wrap break-all" data-testid="quote">
                  {e.line
                    ? `line ${e.line}: `
                    : e.packet
                      ? `packet ${e.packet}: `
                      : e.entry
                        ? `entry ${e.entry}: `
                        : ""}
                  {e.text}
                  {e.count && e.count > 1 ? ` (×${e.count})` : ""}
                </li>
              ))}
              {(f.evidenceTotal ?? f.evidence.length) > 5 && (
                <li>… {(f.evidenceTotal ?? f.evidence.length) - 5} more</li>
              )}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
