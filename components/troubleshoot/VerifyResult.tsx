import { Card } from "@/components/ui/Card";
import type { CheckStatus, ScenariosResponse } from "@/lib/domain/checks";
import type { ScenarioId } from "@/lib/domain/findings";
import { clockTime, verdictHeadline } from "@/lib/domain/verdict-words";

const TONE: Record<CheckStatus, string> = {
  pass: "text-emerald-600",
  warn: "text-amber-500",
  fail: "text-red-600",
  unknown: "text-slate-500",
};

/** Before → after of "Verify fix": the symptom's verdict and every check that was or is not passing. */
export function VerifyResult({
  symptom,
  before,
  after,
}: {
  symptom: ScenarioId;
  before: ScenariosResponse;
  after: ScenariosResponse;
}) {
  const was = new Map(before.checks.map((c) => [c.id, c.status]));
  const rows = after.checks.filter((c) => c.status !== "pass" || (was.get(c.id) ?? "pass") !== "pass");
  const verdict = (a: ScenariosResponse) => verdictHeadline(a.scenarios.find((s) => s.id === symptom)!);
  return (
    <Card title={`Verify fix: ${clockTime(before.generatedAt)} → ${clockTime(after.generatedAt)}`}>
      <p data-testid="verify-verdict">
        <span className="text-slate-500">{symptom} before:</span> {verdict(before)}
        <br />
        <span className="text-slate-500">{symptom} after:</span> <strong>{verdict(after)}</strong>
      </p>
      <p className="mt-1 text-xs text-slate-500">
        After: every node polled again and every probe run afresh. Evidence you attached describes the time before the
        fix, so the after column rests on checks and probes only.
      </p>
      {rows.length === 0 ? (
        <p className="mt-2 text-emerald-600">Every check passes, before and after.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm" data-testid="verify-table">
          <thead>
            <tr className="text-slate-500">
              <th className="pr-3">Check</th>
              <th className="pr-3">Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const b = was.get(c.id) ?? "unknown";
              return (
                <tr
                  key={c.id}
                  className="border-t border-slate-200 dark:border-slate-800"
                  data-testid="verify-row"
                  data-check={c.id}
                >
                  <td className="py-1 pr-3">{c.title}</td>
                  <td className={`pr-3 font-semibold uppercase ${TONE[b]}`}>{b}</td>
                  <td className={`font-semibold uppercase ${TONE[c.status]}`}>{c.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
