// A troubleshooting case in the browser (the symptom picked, the evidence attached, the notes) and
// its Markdown report (pure). The verdict is never computed here: it is the server's answer
// (POST /api/deployments/{id}/scenarios), which the report writes out as it is.
import { CHECK_STATUS_RANK, type CaseEvidence, type ScenariosResponse } from "./checks";
import type { AnalysisResult, EvidenceRef } from "./findings";
import type { SCENARIOS } from "./fix-steps";
import { formatDateTime } from "./time-format";
import { symptomFor } from "./troubleshooting";
import { causeStrength, looksLike, verdictHeadline } from "./verdict-words";

export interface AttachedEvidence {
  /** Unique within the case, so one of two same-named files can be removed. */
  id: string;
  fileName: string;
  bytes: number;
  attachedAt: string;
  analysis: AnalysisResult;
}

export interface SessionState {
  deploymentName: string;
  symptom: keyof typeof SCENARIOS;
  startedAt: string;
  /** The verdict engine's last answer for this case; null until it came. */
  answer: ScenariosResponse | null;
  evidence: AttachedEvidence[];
  /** Manual step id → what the engineer found. */
  notes: Record<string, string>;
}

/** A report goes into a ticket read in other time zones: the one 24-hour format, in UTC, said so. */
const reportTime = (iso: string) => `${formatDateTime(iso, { seconds: true, timeZone: "UTC" })} UTC`;

/** Quotes sent to the server per finding, and their length: enough to show, small enough for the request limit. */
const QUOTES_SENT = 5;
const QUOTE_CHARS = 500;
/** The server's limits on a finding's texts (lib/domain/checks-input.ts). */
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the case sends the verdict engine: each file's warn/fail findings with a few quotes. */
export function caseEvidence(evidence: AttachedEvidence[]): CaseEvidence[] {
  return evidence.map((e) => ({
    fileName: cut(e.fileName, 255),
    kind: e.analysis.kind,
    bytes: e.bytes,
    findings: e.analysis.findings
      .filter((f) => f.severity !== "info")
      .slice(0, 50)
      .map((f) => ({
        ...f,
        title: cut(f.title, 300),
        detail: cut(f.detail, 2000),
        fix: f.fix.slice(0, 20).map((x) => cut(x, 1000)),
        evidence: f.evidence.slice(0, QUOTES_SENT).map((r) => ({ ...r, text: cut(r.text, QUOTE_CHARS) })),
      })),
  }));
}

/**
 * Puts each quoted line back exactly as the file has it ("2017-04-15<TAB>10:34:56.536<TAB>Warning<TAB>call 7: …"):
 * the CMS log analyzer quotes a normalised form without the level.
 */
export function verbatimQuotes(analysis: AnalysisResult, lines: readonly string[]): AnalysisResult {
  const fix = (r: EvidenceRef): EvidenceRef =>
    r.line && lines[r.line - 1] !== undefined ? { ...r, text: lines[r.line - 1]!.replace(/\r$/, "") } : r;
  return { ...analysis, findings: analysis.findings.map((f) => ({ ...f, evidence: f.evidence.map(fix) })) };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const loc = (r: EvidenceRef) =>
  r.line ? `line ${r.line}: ` : r.packet ? `packet ${r.packet}: ` : r.entry ? `entry ${r.entry}: ` : "";
const quote = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** A report to paste into a ticket: the server's verdict, cause first, and exactly what it rests on. */
export function sessionToMarkdown(s: SessionState): string {
  const symptom = symptomFor(s.symptom);
  const a = s.answer;
  const mine = a?.scenarios.find((x) => x.id === s.symptom);
  const out = [
    `# Edgescope troubleshooting — ${s.deploymentName}`,
    "",
    `- Symptom (${s.symptom}): ${symptom.words}`,
    `- Started: ${reportTime(s.startedAt)}`,
  ];
  if (!a || !mine) {
    out.push("- Verdict: **none yet** (the verdict engine has not answered)", "");
  } else {
    out.push(
      `- Verdict (Edgescope's verdict engine, ${reportTime(a.generatedAt)}${a.probed ? ", probes run for this answer" : ", cached probe results"}): **${verdictHeadline(mine)}**`,
    );
    const other = looksLike(s.symptom, a);
    if (other)
      out.push(
        `- **This looks like ${other}** (${symptomFor(other).words}), not ${s.symptom}: see "Other symptoms" below.`,
      );
    out.push("");
    out.push("## Causes, root cause first", "");
    if (!mine.causes.length) out.push("Nothing Edgescope checked or you attached points at this symptom.", "");
    mine.causes.forEach((c, i) => {
      out.push(`### ${i + 1}. ${c.title} — ${causeStrength(c)}`, "");
      const place = (id: string) => `${mine.causes.findIndex((x) => x.id === id) + 1} (${id})`;
      if (c.explains.length) out.push(`Root cause: it explains ${c.explains.map(place).join(", ")}.`);
      if (c.explainedBy.length) out.push(`Follows from ${c.explainedBy.map(place).join(", ")}: fix that first.`);
      out.push(
        `Found: ${c.text}`,
        "",
        "Rests on:",
        ...c.basis.map((b) => `- ${b}`),
        "",
        "Fix:",
        ...c.fix.map((f, j) => `${j + 1}. ${f}`),
        "",
      );
    });
    if (!mine.causes.length) out.push("## How to investigate", "", ...mine.fix.map((f, j) => `${j + 1}. ${f}`), "");
    out.push("## Other symptoms", "", "| Symptom | Verdict | Leading cause |", "|---|---|---|");
    for (const x of a.scenarios.filter((x) => x.id !== s.symptom))
      out.push(`| ${x.id} ${cell(x.title)} | ${cell(verdictHeadline(x))} | ${cell(x.causes[0]?.title ?? "—")} |`);
    out.push("");
    if (a.unrelated.length) {
      out.push("## Failing, but none of T1–T4", "");
      for (const u of a.unrelated) out.push(`- ${u.title}: ${u.summary} — ${u.reason}`);
      out.push("");
    }
  }
  out.push("## Evidence attached", "");
  if (!s.evidence.length)
    out.push(
      "None. Nothing in this report is confirmed by evidence you supplied; it rests on Edgescope's own checks and probes.",
      "",
    );
  for (const e of s.evidence) {
    out.push(
      `### ${e.fileName} (${e.analysis.kind}, ${e.bytes} bytes, attached ${reportTime(e.attachedAt)})`,
      "",
      e.analysis.summary,
      "",
    );
    for (const f of e.analysis.findings.filter((x) => x.severity !== "info")) {
      out.push(
        `- **${f.severity.toUpperCase()}** ${f.title}${f.scenarioIds.length ? ` [${f.scenarioIds.join(", ")}]` : ""} (${f.confidence} confidence): ${f.detail}`,
      );
      for (const ref of f.evidence.slice(0, 3)) out.push(`  - ${loc(ref)}${quote(ref.text)}`);
    }
    out.push("");
  }
  const noted = symptom.steps.filter((st) => s.notes[st.id]?.trim());
  if (noted.length) {
    out.push("## Manual steps", "");
    for (const st of noted) out.push(`- ${st.action}`, `  - Found: ${s.notes[st.id]!.trim()}`);
    out.push("");
  }
  if (a) {
    out.push("## Checks the verdict rests on (failing first)", "", "| Check | Result | Summary |", "|---|---|---|");
    for (const c of [...a.checks].sort((x, y) => CHECK_STATUS_RANK[x.status] - CHECK_STATUS_RANK[y.status]))
      out.push(`| ${cell(c.title)} (${c.domainIds.join(", ")}) | ${c.status} | ${cell(c.summary)} |`);
    out.push("");
  }
  return out.join("\n");
}
