import { describe, expect, it } from "vitest";
import type { CheckResult, ScenarioCause, ScenarioResult, ScenariosResponse } from "@/lib/domain/checks";
import type { AnalysisResult, Finding } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import { caseEvidence, sessionToMarkdown, verbatimQuotes, type SessionState } from "@/lib/domain/troubleshoot-session";
import { SYMPTOMS } from "@/lib/domain/troubleshooting";
import { scenariosBody } from "@/lib/domain/checks-input";
import { causeStrength, looksLike, probedWords, verdictHeadline } from "@/lib/domain/verdict-words";

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: "cms-log.ice-unauthorized",
  severity: "fail",
  scenarioIds: ["T1"],
  domainIds: ["C5"],
  confidence: "high",
  title: "ICE failure 4 | unauthorized",
  detail: "3 calls",
  evidence: Array.from({ length: 8 }, (_, i) => ({
    line: 12 + i,
    text: `2017-04-15 10:34:5${i}.536  call 7: ICE failure 4 (unauthorized - check credentials)`,
  })),
  fix: ["Set the password again."],
  ...over,
});
const analysis = (findings: Finding[]): AnalysisResult => ({
  kind: "cms-log",
  summary: "1 problem",
  scenarioIds: [],
  findings,
  stats: {},
  details: {},
  notes: [],
});
const cause = (over: Partial<ScenarioCause> = {}): ScenarioCause => ({
  id: "c5-turn-credentials",
  title: "Expressway-E rejects the TURN credentials (C3, C5)",
  text: "vcs-e1 rejected cmsturn (401)",
  domainIds: ["C5", "C3"],
  confidence: 0.9,
  confirmed: false,
  explains: [],
  explainedBy: [],
  checkIds: ["c5-turn-credentials"],
  findingIds: [],
  evidence: [],
  basis: ['live check "TURN credentials": FAIL — 401'],
  fix: ["Step A (C5).", "Step B (C3)."],
  ...over,
});
const scenario = (id: ScenarioResult["id"], over: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id,
  title: id,
  verdict: "not-indicated",
  confidence: 0,
  confirmed: false,
  causes: [],
  fix: [...SCENARIOS[id].fix],
  fixFrom: "symptom",
  ...over,
});
const check: CheckResult = {
  id: "c5-turn-credentials",
  title: "TURN credentials | work",
  area: "turn-servers",
  domainIds: ["C5"],
  status: "fail",
  summary: "401",
  evidence: [],
  fix: [],
};
const answer = (scenarios: ScenarioResult[], leading: ScenariosResponse["leading"]): ScenariosResponse => ({
  deploymentId: "d",
  generatedAt: "2026-12-02T05:02:31.000Z",
  probed: true,
  scenarios,
  leading,
  checks: [check],
  unrelated: [],
  evidence: [],
});
const likelyT1 = scenario("T1", {
  verdict: "likely",
  confidence: 0.9,
  causes: [cause()],
  fix: cause().fix,
  fixFrom: "cause",
});
const state = (over: Partial<SessionState> = {}): SessionState => ({
  deploymentName: "Lab",
  symptom: "T1",
  startedAt: "2026-11-25T10:00:00Z",
  answer: null,
  evidence: [],
  notes: {},
  ...over,
});

/** The machine's local 24-hour clock ("05:02:31" on a UTC machine). */
const localClock = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

describe("verdict words", () => {
  it.each<[string, Partial<ScenarioResult>, RegExp]>([
    [
      "likely at 0.7 and above",
      { verdict: "likely", confidence: 0.7, causes: [cause({ confidence: 0.7 })] },
      /^Likely \(70 %\): Expressway-E rejects/,
    ],
    [
      "possible below 0.7, never 'likely'",
      { verdict: "possible", confidence: 0.69, causes: [cause({ confidence: 0.69 })] },
      /^Possible \(69 %\)/,
    ],
    [
      "confirmed only when flagged by the engine",
      { verdict: "likely", confidence: 0.99, confirmed: true, causes: [cause({ confirmed: true })] },
      /^Confirmed by your evidence \(99 %\)/,
    ],
    ["not indicated", {}, /^Not indicated/],
    ["unknown", { verdict: "unknown" }, /^Unknown/],
  ])("%s", (_n, over, words) => {
    expect(verdictHeadline(scenario("T1", over))).toMatch(words);
  });

  it("says a cause is likely only at 0.7 or more, and confirmed only when it is", () => {
    expect(causeStrength({ confidence: 0.69, confirmed: false })).toBe("possible (69 %)");
    expect(causeStrength({ confidence: 0.7, confirmed: false })).toBe("likely (70 %)");
    expect(causeStrength({ confidence: 0.3, confirmed: false })).toBe("weak hint (30 %)");
    expect(causeStrength({ confidence: 0.9, confirmed: true })).toMatch(/^confirmed/);
  });

  it("names another symptom only when the evidence points there more strongly", () => {
    const t2 = scenario("T2", { verdict: "likely", confidence: 0.85, causes: [cause()] });
    expect(looksLike("T1", answer([scenario("T1"), t2], "T2"))).toBe("T2");
    expect(looksLike("T2", answer([scenario("T1"), t2], "T2"))).toBeNull();
    expect(looksLike("T1", answer([scenario("T1", { confidence: 0.9 }), t2], "T2"))).toBeNull();
  });

  it("says when probes ran: the oldest, with its age; or that they have not", () => {
    const at = "2026-12-02T05:02:31.000Z";
    expect(
      probedWords(
        [
          { label: "a", at },
          { label: "b", at: "2026-12-02T05:02:33.000Z" },
        ],
        Date.parse(at) + 3000,
      ),
    ).toBe(`probed ${localClock(at)}, 3 s ago`);
    expect(probedWords([{ label: "a", at: null }], 0)).toBe("not probed yet");
    expect(probedWords(undefined, 0)).toBeNull();
  });
});

describe("the case", () => {
  it("sends warn/fail findings with at most five quotes each", () => {
    const sent = caseEvidence([
      {
        id: "1",
        fileName: "e.log",
        bytes: 10,
        attachedAt: "",
        analysis: analysis([finding(), finding({ id: "cms-log.clean", severity: "info" })]),
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.findings.map((f) => f.id)).toEqual(["cms-log.ice-unauthorized"]);
    expect(sent[0]!.findings[0]!.evidence).toHaveLength(5);
  });

  it("keeps every text within the server's limits, so a long file never makes the request fail", () => {
    const long = finding({
      title: "t".repeat(400),
      detail: "d".repeat(5000),
      fix: ["f".repeat(3000)],
      evidence: [{ line: 1, text: "x".repeat(10_000) }],
    });
    const sent = caseEvidence([
      { id: "1", fileName: `${"n".repeat(300)}.log`, bytes: 1, attachedAt: "", analysis: analysis([long]) },
    ]);
    expect(scenariosBody.safeParse({ evidence: sent }).success).toBe(true);
    expect(sent[0]!.findings[0]!.evidence[0]!.text.length).toBe(500);
  });

  it("puts quoted lines back verbatim, level and tabs included", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `2017-04-15\t10:34:${i}.536\tWarning\tcall 7: line ${i + 1}\r`);
    const q = verbatimQuotes(analysis([finding()]), lines).findings[0]!.evidence[0]!;
    expect(q.text).toBe("2017-04-15\t10:34:11.536\tWarning\tcall 7: line 12");
  });
});

describe("sessionToMarkdown", () => {
  it("writes the server's verdict cause first, what it rests on, and the cause's own numbered fix", () => {
    const md = sessionToMarkdown(
      state({
        answer: answer([likelyT1, scenario("T2"), scenario("T3"), scenario("T4")], "T1"),
        notes: { "cms-event-log": "ICE failure 4 at 10:02" },
      }),
    );
    expect(md).toContain("- Symptom (T1): Outside users connect but get no audio or video");
    expect(md).toContain("**Likely (90 %): Expressway-E rejects the TURN credentials (C3, C5)**");
    expect(md).toContain("### 1. Expressway-E rejects the TURN credentials (C3, C5) — likely (90 %)");
    expect(md).toContain('Rests on:\n- live check "TURN credentials": FAIL — 401');
    expect(md).toContain("Fix:\n1. Step A (C5).\n2. Step B (C3).");
    expect(md).not.toContain(SCENARIOS.T1.fix[0]!);
    expect(md).toContain("None. Nothing in this report is confirmed by evidence you supplied");
    expect(md).not.toMatch(/confirmed by your evidence/i);
    expect(md).toContain("| TURN credentials \\| work (C5) | fail | 401 |");
    expect(md).toContain("  - Found: ICE failure 4 at 10:02");
  });

  it("lists exactly what was attached, with its quotes, and says when the evidence points at another symptom", () => {
    const t2 = scenario("T2", {
      verdict: "likely",
      confidence: 0.85,
      causes: [cause({ title: "Inside DNS does not resolve the Join URL to the Web Bridge (R9)" })],
    });
    const md = sessionToMarkdown(
      state({
        answer: answer([scenario("T1"), t2, scenario("T3"), scenario("T4")], "T2"),
        evidence: [
          {
            id: "1",
            fileName: "event.log",
            bytes: 2048,
            attachedAt: "2026-12-02T05:03:00.000Z",
            analysis: analysis([
              finding({ evidence: [{ line: 3, text: "2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4" }] }),
            ]),
          },
        ],
      }),
    );
    expect(md).toContain("- **This looks like T2** (Outside users are not offered the join option), not T1");
    expect(md).toContain("### event.log (cms-log, 2048 bytes, attached 2 Dec 2026 05:03:00 UTC)");
    expect(md).toContain("  - line 3: `2017-04-15\t10:34:56.536\tWarning\tcall 7: ICE failure 4`");
    expect(md).toContain("## How to investigate");
  });
});

describe("symptoms", () => {
  it("covers T1–T4 in the callers' words, each with uploadable evidence", () => {
    expect(SYMPTOMS.map((s) => s.id)).toEqual(["T1", "T2", "T3", "T4"]);
    for (const s of SYMPTOMS) expect(s.steps.some((st) => st.evidence)).toBe(true);
  });
});
