import { Card } from "@/components/ui/Card";
import type { Symptom } from "@/lib/domain/troubleshooting";

/** What the tool cannot see: the domain brief's hand-collected evidence, with what it means. */
export function ManualSteps({
  symptom,
  notes,
  onNote,
}: {
  symptom: Symptom;
  notes: Record<string, string>;
  onNote: (id: string, text: string) => void;
}) {
  return (
    <Card title="Steps to take by hand">
      <ol className="space-y-4">
        {symptom.steps.map((s, i) => (
          <li key={s.id} className="grid gap-2 md:grid-cols-[2rem_1fr]">
            <span className="text-xl font-bold text-slate-500">{i + 1}</span>
            <div>
              <p>{s.action}</p>
              <p className="text-sm text-slate-500">
                What it means: {s.meaning}
                {s.evidence && " Upload the result below."}
              </p>
              <input
                aria-label={`What you found for step ${i + 1}`}
                value={notes[s.id] ?? ""}
                onChange={(e) => onNote(s.id, e.target.value)}
                placeholder="What you found (goes into the report)"
                className="mt-1 w-full rounded border border-slate-400 bg-transparent px-2 py-1 text-sm"
              />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
