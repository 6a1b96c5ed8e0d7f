// A troubleshooting session in the browser, its verdict, and its Markdown report (pure).
import type { AnalysisResult, Finding, ScenarioId } from "./findings";
import { SCENARIOS } from "./fix-steps";
import { symptomFor } from "./troubleshooting";

export interface AttachedEvidence {
  fileName: string;
  analysis: AnalysisResult;
}

/** Automated results (checks and scenario detectors) as the server reports them. */
export interface AutomatedStep {
  title: string;
  status: string;
  detail: string;
  scenarioIds?: ScenarioId[];
}

export interface SessionState {
  deploymentName: string;
  symptom: ScenarioId;
  startedAt: string;
  automated: AutomatedStep[];
  evidence: AttachedEvidence[];
  /** Manual step id → what the engineer found. */
  notes: Record<string, string>;
}

export interface Verdict {
  /** "confirmed": evidence names the symptom's scenario; "other": evidence points elsewhere. */
  status: "confirmed" | "other" | "not-found" | "no-evidence";
  scenario: ScenarioId;
  reasons: Finding[];
  otherScenarios: ScenarioId[];
  fix: string[];
}

/** What the collected evidence says about the symptom the caller reported. */
export function verdictFor(state: Pick<SessionState, "symptom" | "evidence" | "automated">): Verdict {
  const findings = state.evidence.flatMap((e) => e.analysis.findings).filter((f) => f.severity !== "info");
  const automatedHits = state.automated.filter((a) => a.status === "fail" && a.scenarioIds?.includes(state.symptom));
  const reasons = findings.filter((f) => f.scenarioIds.includes(state.symptom));
  const others = [...new Set(findings.flatMap((f) => f.scenarioIds))].filter((s) => s !== state.symptom);
  const base = { scenario: state.symptom, reasons, otherScenarios: others, fix: SCENARIOS[state.symptom].fix };
  if (reasons.length || automatedHits.length) return { ...base, status: "confirmed" };
  if (others.length) return { ...base, status: "other", fix: SCENARIOS[others[0]!].fix };
  if (state.evidence.length === 0 && state.automated.length === 0) return { ...base, status: "no-evidence" };
  return { ...base, status: "not-found" };
}

const VERDICT_TEXT: Record<Verdict["status"], string> = {
  confirmed: "Confirmed by the evidence",
  other: "The evidence points at another scenario",
  "not-found": "Not confirmed by the evidence collected so far",
  "no-evidence": "No evidence collected yet",
};

/** A report to paste into a ticket. */
export function sessionToMarkdown(s: SessionState): string {
  const v = verdictFor(s);
  const symptom = symptomFor(s.symptom);
  const out = [
    `# Edgescope troubleshooting — ${s.deploymentName}`,
    "",
    `- Symptom (${s.symptom}): ${symptom.words}`,
    `- Started: ${s.startedAt}`,
    `- Verdict: **${VERDICT_TEXT[v.status]}**${v.status === "other" ? ` (${v.otherScenarios.join(", ")})` : ""}`,
    "",
  ];
  if (s.automated.length) {
    out.push("## Automated checks", "", "| Step | Result | Detail |", "|---|---|---|");
    for (const a of s.automated) out.push(`| ${a.title} | ${a.status} | ${a.detail.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    out.push("");
  }
  out.push("## Evidence", "");
  if (!s.evidence.length) out.push("None attached.", "");
  for (const e of s.evidence) {
    out.push(`### ${e.fileName} (${e.analysis.kind})`, "", e.analysis.summary, "");
    for (const f of e.analysis.findings.filter((x) => x.severity !== "info")) {
      out.push(`- **${f.severity.toUpperCase()}** ${f.title}${f.scenarioIds.length ? ` [${f.scenarioIds.join(", ")}]` : ""}: ${f.detail}`);
      for (const ref of f.evidence.slice(0, 3)) out.push(`  - ${ref.line ? `line ${ref.line}: ` : ref.packet ? `packet ${ref.packet}: ` : ref.entry ? `entry ${ref.entry}: ` : ""}\`${ref.text.replace(/`/g, "'")}\``);
    }
    out.push("");
  }
  const noted = symptom.steps.filter((st) => s.notes[st.id]?.trim());
  if (noted.length) {
    out.push("## Manual steps", "");
    for (const st of noted) out.push(`- ${st.action}`, `  - Found: ${s.notes[st.id]!.trim()}`);
    out.push("");
  }
  out.push("## Fix", "", ...v.fix.map((f, i) => `${i + 1}. ${f}`), "");
  return out.join("\n");
}
