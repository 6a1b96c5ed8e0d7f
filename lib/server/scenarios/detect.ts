import "server-only";
import type { CheckEvidence, CheckResult, ScenarioCause, ScenarioResult } from "@/lib/domain/checks";
import type { Confidence, Finding, ScenarioId } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";

// Shared machinery of the T1–T4 detectors: a detector lists signals (a check in a given status,
// or analyzer findings), each with the confidence it lends; the verdict follows from the strongest.

export interface Signal {
  checkId: string;
  statuses: CheckResult["status"][];
  confidence: number;
  text: string;
}

export interface ScenarioDetector {
  id: ScenarioId;
  /** In the caller's words. */
  title: string;
  signals: Signal[];
  /** Checks whose unknown status leaves the scenario undecided when nothing else points at it. */
  relevant: string[];
}

/** Verdict thresholds on the combined confidence. */
export const LIKELY_AT = 0.7;
export const POSSIBLE_AT = 0.35;
/** How much an analyzer finding lends, by the analyzer's own confidence. */
const FINDING_CONFIDENCE: Record<Confidence, number> = { high: 0.9, medium: 0.6, low: 0.3 };

function findingCause(f: Finding): ScenarioCause & { confidence: number } {
  const evidence: CheckEvidence[] = f.evidence.slice(0, 5).map((e) => ({ label: f.title, value: e.text, source: `evidence · ${f.id}`, ageMs: null }));
  return { text: `${f.title}: ${f.detail}`, checkIds: [], evidence, confidence: FINDING_CONFIDENCE[f.confidence] };
}

export function detect(d: ScenarioDetector, checks: CheckResult[], findings: Finding[] = []): ScenarioResult {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const causes: (ScenarioCause & { confidence: number })[] = [];
  for (const s of d.signals) {
    const c = byId.get(s.checkId);
    if (c && s.statuses.includes(c.status)) causes.push({ text: `${s.text} — ${c.summary}`, checkIds: [c.id], evidence: c.evidence, confidence: s.confidence });
  }
  for (const f of findings) if (f.severity !== "info" && f.scenarioIds.includes(d.id)) causes.push(findingCause(f));
  causes.sort((a, b) => b.confidence - a.confidence);
  // Independent signals reinforce each other: 1 − Π(1 − c).
  const confidence = Math.round((1 - causes.reduce((p, c) => p * (1 - c.confidence), 1)) * 100) / 100;
  const undecided = d.relevant.some((id) => byId.get(id)?.status === "unknown" || !byId.has(id));
  const verdict = confidence >= LIKELY_AT ? "likely" : confidence >= POSSIBLE_AT ? "possible" : undecided ? "unknown" : "not-indicated";
  return {
    id: d.id,
    title: d.title,
    verdict,
    confidence,
    causes: causes.map(({ confidence: _, ...c }) => c),
    fix: [...SCENARIOS[d.id].fix],
  };
}
