import { describe, expect, it } from "vitest";
import type { AnalysisResult, Finding } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import { sessionToMarkdown, verdictFor, type SessionState } from "@/lib/domain/troubleshoot-session";
import { SYMPTOMS } from "@/lib/domain/troubleshooting";

const finding = (scenarioIds: Finding["scenarioIds"], severity: Finding["severity"] = "fail"): Finding => ({
  id: "x", severity, scenarioIds, domainIds: ["C5"], confidence: "high", title: "ICE failure 4 | unauthorized", detail: "3 calls",
  evidence: [{ line: 12, text: "Warning\tcall 7: ICE failure 4 (unauthorized - check credentials)" }], fix: [],
});
const analysis = (findings: Finding[]): AnalysisResult => ({ kind: "cms-log", summary: "1 problem", scenarioIds: [], findings, stats: {}, details: {}, notes: [] });
const state = (evidence: Finding[][], symptom: SessionState["symptom"] = "T1"): SessionState => ({
  deploymentName: "Lab", symptom, startedAt: "2026-11-25T10:00:00Z", automated: [], notes: {},
  evidence: evidence.map((f, i) => ({ fileName: `e${i}.log`, analysis: analysis(f) })),
});

describe("verdictFor", () => {
  it.each([
    ["no evidence", state([]), "no-evidence"],
    ["evidence naming the symptom's scenario", state([[finding(["T1"])]]), "confirmed"],
    ["evidence naming another scenario only", state([[finding(["T2"])]]), "other"],
    ["only informational findings", state([[finding(["T1"], "info")]]), "not-found"],
  ] as const)("%s → %s", (_n, s, status) => {
    expect(verdictFor(s).status).toBe(status);
  });

  it("gives the other scenario's fix when the evidence points elsewhere", () => {
    expect(verdictFor(state([[finding(["T2"])]])).fix).toEqual(SCENARIOS.T2.fix);
  });
});

describe("sessionToMarkdown", () => {
  it("writes the symptom, verdict, evidence lines and numbered fix, escaping table pipes", () => {
    const s = { ...state([[finding(["T1"])]]), automated: [{ title: "C5 turnServer credentials", status: "fail", detail: "401 | rejected" }], notes: { "cms-event-log": "ICE failure 4 at 10:02" } };
    const md = sessionToMarkdown(s);
    expect(md).toContain("- Symptom (T1): Outside users connect but get no audio or video");
    expect(md).toContain("- Verdict: **Confirmed by the evidence**");
    expect(md).toContain("| C5 turnServer credentials | fail | 401 \\| rejected |");
    expect(md).toContain("  - line 12: `Warning\tcall 7: ICE failure 4 (unauthorized - check credentials)`");
    expect(md).toContain("  - Found: ICE failure 4 at 10:02");
    expect(md).toContain(`1. ${SCENARIOS.T1.fix[0]}`);
  });
});

describe("symptoms", () => {
  it("covers T1–T4 in the callers' words, each with uploadable evidence", () => {
    expect(SYMPTOMS.map((s) => s.id)).toEqual(["T1", "T2", "T3", "T4"]);
    for (const s of SYMPTOMS) expect(s.steps.some((st) => st.evidence)).toBe(true);
  });
});
