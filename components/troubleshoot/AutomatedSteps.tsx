"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ScenariosResponse } from "@/lib/domain/checks";
import { useDeploymentStatusQuery } from "@/components/deployment/useDeploymentStatusQuery";
import { Card } from "@/components/ui/Card";
import { HealthBadge } from "@/components/ui/HealthBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import type { ScenarioId } from "@/lib/domain/findings";
import { formatAge } from "@/lib/domain/freshness";
import { sourceHealth } from "@/lib/domain/source-health";
import type { AutomatedStep } from "@/lib/domain/troubleshoot-session";

const DETECTOR_STATUS = { likely: "fail", possible: "warn", "not-indicated": "pass", unknown: "unknown" } as const;

/** Sources whose live state bears on each symptom (the domain brief's fix paths). */
const SOURCES_FOR: Record<ScenarioId, string[]> = {
  T1: ["cms.turn-servers", "expressway-e.turn-relays"],
  T2: ["cms.web-bridges", "cms.call-bridges", "expressway-c.cms-settings"],
  T3: ["expressway-c.tunnels", "expressway-e.turn-relays", "cms.turn-servers"],
  T4: ["cms.system", "expressway-c.tunnels", "cms.call-bridges"],
};

export function AutomatedSteps({ deploymentId, symptom, onResults }: { deploymentId: string; symptom: ScenarioId; onResults: (steps: AutomatedStep[]) => void }) {
  const { data } = useDeploymentStatusQuery(deploymentId);
  // The detectors with probes run now: this page is for engineers, who may send probes.
  const scenarios = useQuery({
    queryKey: ["deployment:scenarios", { id: deploymentId, probe: true }],
    queryFn: () => fetchJson<ScenariosResponse>(`/api/deployments/${deploymentId}/scenarios?probe=1`),
    staleTime: 60_000,
  });
  const scenario = scenarios.data?.scenarios.find((s) => s.id === symptom);
  const rows = (data?.nodes ?? []).flatMap((n) =>
    n.sources.filter((s) => SOURCES_FOR[symptom].includes(s.source)).map((s) => ({ node: n.name, s, health: sourceHealth(s) })),
  );
  const summary = JSON.stringify([rows.map((r) => [r.node, r.s.source, r.health]), scenario?.verdict, scenario?.causes.length]);
  useEffect(() => {
    const detector = scenario
      ? [{ title: `${symptom} detector (checks and probes)`, status: DETECTOR_STATUS[scenario.verdict], detail: scenario.causes.map((c) => c.text).join("; ") || "nothing points at it", scenarioIds: [symptom] }]
      : [];
    onResults([...detector, ...rows.map((r) => ({ title: `${r.node} · ${r.s.title}`, status: r.health === "failing" ? "fail" : r.health, detail: r.s.lastRun?.message ?? `data age ${formatAge(r.s.ageMs)}` }))]);
    // Report only when the outcome changes, not on every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary]);

  return (
    <Card title="What Edgescope checked live">
      {scenarios.isPending && <p className="mb-2 text-sm text-slate-500">Running the checks and probes…</p>}
      {scenario && (
        <div className="mb-4 rounded border border-slate-300 p-3 dark:border-slate-700" data-testid="detector">
          <p className="font-semibold">Checks and probes say: <span className={scenario.verdict === "likely" ? "text-red-500" : scenario.verdict === "possible" ? "text-amber-500" : ""}>{scenario.verdict}</span>{scenario.confidence > 0 && ` (confidence ${Math.round(scenario.confidence * 100)}%)`}</p>
          <ul className="list-disc pl-6 text-sm">{scenario.causes.map((c, i) => <li key={i}>{c.text}</li>)}</ul>
        </div>
      )}
      {!data && <Skeleton className="h-24" />}
      {data && rows.length === 0 && <p className="text-slate-500">No polled source of this deployment bears on this symptom yet.</p>}
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={`${r.node}-${r.s.source}`} className="flex flex-wrap items-center gap-3" data-testid="automated-step">
            <HealthBadge health={r.health} />
            <span className="font-medium">{r.node}</span>
            <span>{r.s.title}</span>
            <span className="text-sm text-slate-500">{r.s.lastRun?.message ?? `data age ${formatAge(r.s.ageMs)}`}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
