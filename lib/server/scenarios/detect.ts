import "server-only";
import type { CaseEvidence, CheckResult, ScenarioCause, ScenarioResult, UnrelatedFailure } from "@/lib/domain/checks";
import { CHECK_CAUSES, decidingChecks, LIKELY_AT, POSSIBLE_AT } from "@/lib/domain/causes";
import { SCENARIO_IDS, type ScenarioId } from "@/lib/domain/findings";
import { SCENARIOS } from "@/lib/domain/fix-steps";
import { symptomFor } from "@/lib/domain/troubleshooting";
import { itemAbout, type FailingItem } from "@/lib/domain/failing-items";
import { combine, explainsCause, gatherCauses, type Candidate } from "./causes";

// The one verdict engine: checks (with their live probes) and the evidence an engineer attached
// go in; out come T1–T4, each with its causes ranked root cause first, each cause with its own
// fix. A cause that explains others present (lib/domain/causes.ts `explains`) leads them, and
// only root causes count towards a symptom's confidence: explained ones are not independent.

export interface Detection {
  scenarios: ScenarioResult[];
  leading: ScenarioId | null;
  unrelated: UnrelatedFailure[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function explainedBy(id: string, present: Map<string, Candidate>): string[] {
  return [...present.values()].filter((p) => explainsCause(p, present.get(id)!)).map((p) => p.id);
}

const said = (x: FailingItem) => (x.meaning ? `${itemAbout(x)} — ${x.meaning}` : itemAbout(x));

/** A cause whose items name different symptoms is told, for symptom s, by the items that point at s. */
function forSymptom(c: Candidate, s: ScenarioId): Pick<ScenarioCause, "text" | "domainIds"> {
  const items = c.items ?? [];
  const mine = items.filter((x) => !x.scenarioIds || x.scenarioIds.includes(s));
  const told = mine.length ? mine : items;
  const domainIds = [...new Set([...c.domainIds, ...told.flatMap((x) => x.domainIds ?? [])])];
  return { text: mine.length && mine.length < items.length ? `${mine.map(said).join("; ")}.` : c.text, domainIds };
}

/** Items of a failing check that name none of T1–T4 (an alarm about the database, a peer Call Bridge). */
const pointingNowhere = (c: Candidate) => (c.items ?? []).filter((x) => x.scenarioIds?.length === 0);

function scenario(s: ScenarioId, present: Map<string, Candidate>, checks: Map<string, CheckResult>): ScenarioResult {
  // Members: causes that lend s something, plus any root cause of a member (it causes s through it).
  const weight = new Map<string, number>();
  for (const [id, c] of present) if ((c.weights[s] ?? 0) > 0) weight.set(id, c.weights[s]!);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, w] of [...weight]) {
      for (const root of explainedBy(id, present)) {
        const rw = Math.max(present.get(root)!.weights[s] ?? 0, w);
        if ((weight.get(root) ?? 0) < rw) weight.set(root, rw), (changed = true);
      }
    }
  }
  const causes: ScenarioCause[] = [...weight].map(([id, w]) => {
    const { weights: _, items: __, ...c } = present.get(id)!;
    const explains = [...weight.keys()].filter((o) => explainsCause(present.get(id)!, present.get(o)!));
    return {
      ...c,
      ...forSymptom(present.get(id)!, s),
      confidence: round(w),
      explains,
      explainedBy: explainedBy(id, present).filter((r) => weight.has(r)),
    };
  });
  const isRoot = (c: ScenarioCause) => c.explainedBy.length === 0;
  causes.sort(
    (a, b) =>
      Number(isRoot(b)) - Number(isRoot(a)) || Number(b.confirmed) - Number(a.confirmed) || b.confidence - a.confidence,
  );
  const confidence = round(combine(...causes.filter(isRoot).map((c) => c.confidence)));
  const undecided = decidingChecks(s).some((id) => !checks.has(id) || checks.get(id)!.status === "unknown");
  const verdict =
    confidence >= LIKELY_AT
      ? "likely"
      : confidence >= POSSIBLE_AT
        ? "possible"
        : undecided
          ? "unknown"
          : "not-indicated";
  const lead = causes[0];
  const words = symptomFor(s).words;
  return {
    id: s,
    title: words.charAt(0).toLowerCase() + words.slice(1),
    verdict,
    confidence,
    confirmed: lead?.confirmed ?? false,
    causes,
    ...(lead && lead.fix.length
      ? { fix: [...lead.fix], fixFrom: "cause" as const }
      : { fix: [...SCENARIOS[s].fix], fixFrom: "symptom" as const }),
  };
}

export function detect(checks: CheckResult[], evidence: CaseEvidence[] = [], generatedAt = Date.now()): Detection {
  const present = gatherCauses(checks, evidence, generatedAt);
  const byId = new Map(checks.map((c) => [c.id, c]));
  const scenarios = SCENARIO_IDS.map((s) => scenario(s, present, byId));
  const ranked = scenarios
    .filter((s) => s.confidence >= POSSIBLE_AT)
    .sort((a, b) => b.confidence - a.confidence || Number(b.confirmed) - Number(a.confirmed));
  const inScenario = new Set(scenarios.flatMap((s) => s.causes.map((c) => c.id)));
  const unrelated: UnrelatedFailure[] = [];
  for (const c of present.values()) {
    const nowhere = pointingNowhere(c);
    // Said item by item when the check names its items: "None of T1–T4: cms1: databaseConnectionError — …".
    if (nowhere.length)
      unrelated.push({
        id: c.id,
        title: c.title,
        summary: inScenario.has(c.id) ? nowhere.map(itemAbout).join("; ") : c.text,
        reason: `None of T1–T4: ${nowhere.map(said).join("; ")}.`,
      });
    else if (!inScenario.has(c.id)) {
      unrelated.push({
        id: c.id,
        title: c.title,
        summary: c.text,
        reason:
          CHECK_CAUSES[c.id]?.none ??
          "None of T1–T4: this finding names no symptom; it is listed so nothing the evidence shows is hidden.",
      });
    }
  }
  return { scenarios, leading: ranked[0]?.id ?? null, unrelated };
}
