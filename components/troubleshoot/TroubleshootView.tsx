"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useDeploymentsQuery } from "@/components/hooks/useDeploymentsQuery";
import { usePollNowMutation } from "@/components/deployment/usePollNowMutation";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import type { ScenariosResponse } from "@/lib/domain/checks";
import type { ScenarioId } from "@/lib/domain/findings";
import { caseEvidence, sessionToMarkdown, type AttachedEvidence } from "@/lib/domain/troubleshoot-session";
import { SYMPTOMS, symptomFor } from "@/lib/domain/troubleshooting";
import { EvidencePanel } from "./EvidencePanel";
import { LiveChecks } from "./LiveChecks";
import { ManualSteps } from "./ManualSteps";
import { useVerdictMutation } from "./useVerdictMutation";
import { VerdictCard } from "./VerdictCard";
import { VerifyResult } from "./VerifyResult";

export function TroubleshootView() {
  const deployments = useDeploymentsQuery();
  const [picked, setPicked] = useState<string>();
  const [symptom, setSymptom] = useState<ScenarioId>();
  const [evidence, setEvidence] = useState<AttachedEvidence[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<ScenariosResponse | null>(null);
  const [verified, setVerified] = useState<{ before: ScenariosResponse; after: ScenariosResponse } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [startedAt] = useState(() => new Date().toISOString());
  const deployment = deployments.data?.find((d) => d.id === picked) ?? deployments.data?.[0];
  const verdict = useVerdictMutation(deployment?.id);
  const poll = usePollNowMutation(deployment?.id ?? "");
  // Only the latest question's answer is shown: an earlier one may arrive after it.
  const asked = useRef(0);

  const ask = useCallback(
    async (probe: boolean, ev: AttachedEvidence[], label: string | null = null) => {
      const n = ++asked.current;
      setBusy(label);
      try {
        const a = await verdict.mutateAsync({ probe, evidence: caseEvidence(ev) });
        if (n === asked.current) setAnswer(a);
        return a;
      } finally {
        if (n === asked.current) setBusy(null);
      }
    },
    [verdict],
  );

  // A new case (symptom picked, or another deployment): fresh probes once.
  const started = symptom !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per case (symptom picked, deployment changed); new evidence asks again through changeEvidence, without probing
  useEffect(() => {
    if (!started || !deployment) return;
    setAnswer(null);
    setVerified(null);
    void ask(true, evidence, "probe").catch(() => undefined);
  }, [started, deployment?.id]);

  const changeEvidence = (next: AttachedEvidence[]) => {
    setEvidence(next);
    void ask(false, next).catch(() => undefined);
  };

  const verifyFix = async () => {
    if (!answer) return;
    const before = answer;
    setBusy("verify");
    try {
      await poll.mutateAsync();
      const after = await verdict.mutateAsync({ probe: true, evidence: [] });
      setVerified({ before, after });
      await ask(false, evidence);
    } catch {
      setBusy(null);
    }
  };

  if (deployments.isPending) return <Skeleton className="h-96" />;
  if (deployments.error) return <ErrorBanner title="Could not load deployments" error={deployments.error} />;

  const exportReport = () => {
    if (!symptom || !deployment) return;
    const md = sessionToMarkdown({ deploymentName: deployment.name, symptom, startedAt, answer, evidence, notes });
    const url = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
    Object.assign(document.createElement("a"), {
      href: url,
      download: `edgescope-${deployment.name}-${symptom}.md`,
    }).click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-3xl font-bold">Troubleshoot</h1>
        {deployments.data.length > 0 && (
          <label className="text-sm">
            Deployment{" "}
            <select
              value={deployment?.id}
              onChange={(e) => setPicked(e.target.value)}
              className="ml-1 rounded border border-slate-400 bg-transparent px-2 py-1"
            >
              {deployments.data.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <fieldset>
        <legend className="mb-3 text-lg font-semibold">What does the caller report?</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {SYMPTOMS.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-pressed={symptom === s.id}
              onClick={() => setSymptom(s.id)}
              className={`rounded-xl border-2 p-4 text-left text-lg ${symptom === s.id ? "border-sky-500 bg-sky-500/10" : "border-slate-300 dark:border-slate-700"}`}
            >
              <span className="mr-2 text-sm text-slate-500">{s.id}</span>
              {s.words}
            </button>
          ))}
        </div>
      </fieldset>
      {symptom && (
        <>
          {verdict.error && <ErrorBanner title="The verdict engine did not answer" error={verdict.error} />}
          {poll.error && <ErrorBanner title="Verify fix could not poll the deployment" error={poll.error} />}
          {answer ? (
            <VerdictCard symptom={symptom} answer={answer} onSwitch={setSymptom} />
          ) : (
            <Skeleton className="h-40" />
          )}
          {verified && <VerifyResult symptom={symptom} before={verified.before} after={verified.after} />}
          <LiveChecks
            symptom={symptom}
            answer={answer}
            busy={busy}
            onRunProbes={() => void ask(true, evidence, "probe").catch(() => undefined)}
            onVerify={() => void verifyFix()}
          />
          <ManualSteps
            symptom={symptomFor(symptom)}
            notes={notes}
            onNote={(id, text) => setNotes((n) => ({ ...n, [id]: text }))}
          />
          <EvidencePanel
            joinUrl={deployment?.joinUrl}
            evidence={evidence}
            onAttach={(e) => changeEvidence([...evidence, e])}
            onRemove={(id) => changeEvidence(evidence.filter((x) => x.id !== id))}
          />
          <button
            type="button"
            onClick={exportReport}
            className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white"
          >
            Export report (Markdown)
          </button>
        </>
      )}
    </div>
  );
}
