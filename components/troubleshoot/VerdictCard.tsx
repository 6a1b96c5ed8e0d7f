import { Card } from "@/components/ui/Card";
import type { ScenarioResult, ScenariosResponse } from "@/lib/domain/checks";
import type { ScenarioId } from "@/lib/domain/findings";
import { symptomFor } from "@/lib/domain/troubleshooting";
import { looksLike, verdictHeadline } from "@/lib/domain/verdict-words";
import { CauseItem } from "./CauseItem";

const TONE: Record<ScenarioResult["verdict"], string> = {
  likely: "border-red-500",
  possible: "border-amber-500",
  "not-indicated": "border-emerald-500",
  unknown: "border-slate-500",
};

/** The server's verdict for the picked symptom: cause first, each with its own fix; another symptom named when the evidence points there. */
export function VerdictCard({
  symptom,
  answer,
  onSwitch,
}: {
  symptom: ScenarioId;
  answer: ScenariosResponse;
  onSwitch: (s: ScenarioId) => void;
}) {
  const s = answer.scenarios.find((x) => x.id === symptom)!;
  const other = looksLike(symptom, answer);
  return (
    <Card className={`border-l-8 ${TONE[s.verdict]}`}>
      <h2 className="text-2xl font-bold" data-testid="verdict">
        {verdictHeadline(s)}
      </h2>
      {other && (
        <div className="mt-3 rounded-lg border-2 border-amber-500 bg-amber-500/10 p-3" data-testid="looks-like">
          <p className="font-semibold">
            This looks like {other}: {symptomFor(other).words}.
          </p>
          <p className="text-sm">{verdictHeadline(answer.scenarios.find((x) => x.id === other)!)}</p>
          <button
            type="button"
            onClick={() => onSwitch(other)}
            className="mt-2 rounded bg-amber-500 px-3 py-1 text-sm font-semibold text-slate-950"
          >
            Open {other}
          </button>
        </div>
      )}
      {s.causes.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">Causes, root cause first</h3>
          <ol className="mt-2 space-y-3">
            {s.causes.map((c, i) => (
              <CauseItem
                key={c.id}
                cause={c}
                index={i}
                open={i === 0}
                placeOf={(id) => s.causes.findIndex((x) => x.id === id) + 1}
              />
            ))}
          </ol>
        </>
      ) : (
        <>
          <h3 className="mt-4 font-semibold">How to investigate {symptom}</h3>
          <ol className="list-decimal space-y-1 pl-6" data-testid="fix-steps">
            {s.fix.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
