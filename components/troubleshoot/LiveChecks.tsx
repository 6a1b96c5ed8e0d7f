"use client";

import { Card } from "@/components/ui/Card";
import { useNow } from "@/components/ui/useNow";
import { checksFor } from "@/lib/domain/causes";
import { CHECK_STATUS_RANK, type CheckStatus, type ScenariosResponse } from "@/lib/domain/checks";
import type { ScenarioId } from "@/lib/domain/findings";
import { clockTime, probedWords } from "@/lib/domain/verdict-words";

const TONE: Record<CheckStatus, string> = {
  pass: "bg-emerald-600 text-white",
  warn: "bg-yellow-400 text-slate-950",
  fail: "bg-red-600 text-white",
  unknown: "bg-slate-500 text-white",
};

interface Props {
  symptom: ScenarioId;
  answer: ScenariosResponse | null;
  busy: string | null;
  onRunProbes: () => void;
  onVerify: () => void;
}

/** The checks that bear on the symptom, each saying when its probes ran; fresh probes and "Verify fix" on demand. */
export function LiveChecks({ symptom, answer, busy, onRunProbes, onVerify }: Props) {
  const now = useNow();
  const ids = checksFor(symptom);
  const rows = (answer?.checks ?? [])
    .filter((c) => ids.includes(c.id))
    .sort((a, b) => CHECK_STATUS_RANK[a.status] - CHECK_STATUS_RANK[b.status]);
  const button = "rounded-lg px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60";
  return (
    <Card
      title="What Edgescope checked live"
      actions={
        <div className="flex gap-2">
          <button type="button" onClick={onRunProbes} disabled={busy !== null} className={`${button} bg-sky-600`}>
            {busy === "probe" ? "Probing…" : "Run probes now"}
          </button>
          <button
            type="button"
            onClick={onVerify}
            disabled={busy !== null || !answer}
            className={`${button} bg-emerald-700`}
          >
            {busy === "verify" ? "Polling and probing…" : "Verify fix"}
          </button>
        </div>
      }
    >
      {!answer && (
        <p className="text-sm text-slate-500">{busy ? "Running the checks and probes…" : "No answer yet."}</p>
      )}
      {answer && (
        <p className="mb-2 text-xs text-slate-500" data-testid="answered-at" data-generated-at={answer.generatedAt}>
          Answer of {clockTime(answer.generatedAt)}
          {answer.probed ? ", probes run for it" : ", cached probe results"}.
        </p>
      )}
      <ul className="space-y-2">
        {rows.map((c) => {
          const probed = probedWords(c.probes, now);
          return (
            <li
              key={c.id}
              className="grid grid-cols-[5rem_1fr] gap-x-3"
              data-testid="live-check"
              data-check={c.id}
              data-status={c.status}
            >
              <span className={`h-fit rounded px-2 text-center text-sm font-semibold uppercase ${TONE[c.status]}`}>
                {c.status}
              </span>
              <span>
                <span className="font-medium">{c.title}</span>{" "}
                <span className="text-xs text-slate-500">{c.domainIds.join(" · ")}</span>
                <span className="block text-sm text-slate-500">{c.summary}</span>
                {probed && (
                  <span className="block text-xs text-slate-500" data-testid="probed">
                    {probed}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {answer && answer.unrelated.length > 0 && (
        <div className="mt-4 text-sm" data-testid="unrelated">
          <p className="font-semibold">Also failing, but none of T1–T4:</p>
          <ul className="list-disc pl-6">
            {answer.unrelated.map((u) => (
              <li key={u.id}>
                {u.title} — {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
