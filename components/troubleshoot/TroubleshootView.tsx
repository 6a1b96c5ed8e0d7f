"use client";

import { useMemo, useState } from "react";
import { useDeploymentsQuery } from "@/components/board/useDeploymentsQuery";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import type { ScenarioId } from "@/lib/domain/findings";
import { sessionToMarkdown, verdictFor, type AttachedEvidence, type AutomatedStep } from "@/lib/domain/troubleshoot-session";
import { SYMPTOMS, symptomFor } from "@/lib/domain/troubleshooting";
import { AutomatedSteps } from "./AutomatedSteps";
import { EvidencePanel } from "./EvidencePanel";
import { ManualSteps } from "./ManualSteps";
import { VerdictCard } from "./VerdictCard";

export function TroubleshootView() {
  const deployments = useDeploymentsQuery();
  const [picked, setPicked] = useState<string>();
  const [symptom, setSymptom] = useState<ScenarioId>();
  const [evidence, setEvidence] = useState<AttachedEvidence[]>([]);
  const [automated, setAutomated] = useState<AutomatedStep[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [startedAt] = useState(() => new Date().toISOString());
  const deployment = deployments.data?.find((d) => d.id === picked) ?? deployments.data?.[0];
  const verdict = useMemo(() => symptom && verdictFor({ symptom, evidence, automated }), [symptom, evidence, automated]);

  if (deployments.isPending) return <Skeleton className="h-96" />;
  if (deployments.error) return <ErrorBanner title="Could not load deployments" error={deployments.error} />;

  const exportReport = () => {
    if (!symptom || !deployment) return;
    const md = sessionToMarkdown({ deploymentName: deployment.name, symptom, startedAt, automated, evidence, notes });
    const url = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
    Object.assign(document.createElement("a"), { href: url, download: `edgescope-${deployment.name}-${symptom}.md` }).click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-3xl font-bold">Troubleshoot</h1>
        {deployments.data.length > 0 && (
          <label className="text-sm">Deployment{" "}
            <select value={deployment?.id} onChange={(e) => setPicked(e.target.value)} className="ml-1 rounded border border-slate-400 bg-transparent px-2 py-1">
              {deployments.data.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <fieldset>
        <legend className="mb-3 text-lg font-semibold">What does the caller report?</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {SYMPTOMS.map((s) => (
            <button key={s.id} type="button" aria-pressed={symptom === s.id} onClick={() => setSymptom(s.id)}
              className={`rounded-xl border-2 p-4 text-left text-lg ${symptom === s.id ? "border-sky-500 bg-sky-500/10" : "border-slate-300 dark:border-slate-700"}`}>
              <span className="mr-2 text-sm text-slate-500">{s.id}</span>{s.words}
            </button>
          ))}
        </div>
      </fieldset>
      {symptom && (
        <>
          {deployment && <AutomatedSteps deploymentId={deployment.id} symptom={symptom} onResults={setAutomated} />}
          <ManualSteps symptom={symptomFor(symptom)} notes={notes} onNote={(id, text) => setNotes((n) => ({ ...n, [id]: text }))} />
          <EvidencePanel joinUrl={deployment?.joinUrl} evidence={evidence} onAttach={(e) => setEvidence((all) => [...all, e])} />
          {verdict && <VerdictCard verdict={verdict} />}
          <button type="button" onClick={exportReport} className="rounded-lg bg-sky-600 px-4 py-2 font-semibold text-white">Export report (Markdown)</button>
        </>
      )}
    </div>
  );
}
