import "server-only";
import type { CaseEvidence, CheckEvidence, CheckResult, ScenarioCause } from "@/lib/domain/checks";
import { CHECK_CAUSES, FINDING_CAUSES, FINDING_WEIGHT, type CauseRule } from "@/lib/domain/causes";
import type { FailingItem } from "@/lib/domain/failing-items";
import type { EvidenceRef, Finding, ScenarioId } from "@/lib/domain/findings";
import { formatAge } from "@/lib/domain/freshness";

// Gathers the causes present in one case: each failing (or warning) check the cause table maps,
// and each evidence finding, joined to the check that looks for the same cause when there is one.

/** A cause while it is gathered: its weight per symptom, before ranking. */
export interface Candidate extends Omit<ScenarioCause, "confidence" | "explains" | "explainedBy"> {
  weights: Partial<Record<ScenarioId, number>>;
  /** The failing check's items (CheckResult.items), when it names them. */
  items?: readonly FailingItem[];
}

/** 1 − Π(1 − c): independent signals reinforce each other. */
export const combine = (...cs: number[]) => 1 - cs.reduce((p, c) => p * (1 - c), 1);

const utcTime = (iso: string) => `${iso.slice(11, 19)} UTC`;

/** What a check rests on: the check itself, each probe with when it ran, each polled source with its age. */
function checkBasis(c: CheckResult, generatedAt: number): string[] {
  const out = [`live check "${c.title}": ${c.status.toUpperCase()} — ${c.summary}`];
  for (const p of c.probes ?? []) {
    out.push(
      p.at
        ? `${p.label} ran at ${utcTime(p.at)} (${formatAge(generatedAt - Date.parse(p.at))} before this answer)`
        : `${p.label}: has not run`,
    );
  }
  const polled = new Map<string, number | null>();
  for (const e of c.evidence) if (!e.source.startsWith("probe")) polled.set(e.source, e.ageMs);
  for (const [source, age] of polled)
    out.push(`polled ${source}, data ${age === null ? "missing" : `${formatAge(age)} old`}`);
  return out;
}

export const where = (r: EvidenceRef) =>
  r.line
    ? `line ${r.line}`
    : r.packet
      ? `packet ${r.packet}`
      : r.entry
        ? `entry ${r.entry}`
        : r.peerConnection
          ? `PeerConnection ${r.peerConnection}`
          : "";

/**
 * What a check lends each symptom: its table weights; or, when its items name their own symptoms
 * (R3's alarms), the strongest item per symptom — an item naming none lends nothing.
 */
export function checkWeights(
  rule: CauseRule | undefined,
  c: Pick<CheckResult, "status" | "items">,
): Candidate["weights"] {
  const base = c.status === "fail" ? rule?.fail : c.status === "warn" ? rule?.warn : undefined;
  if (!rule || !base) return {};
  if (!c.items?.length) return { ...base };
  const out: Candidate["weights"] = {};
  for (const item of c.items) {
    const lent =
      item.scenarioIds === undefined
        ? base
        : Object.fromEntries(item.scenarioIds.map((s) => [s, (rule.perItem ?? base)[s] ?? 0]));
    for (const [s, w] of Object.entries(lent) as [ScenarioId, number][]) if (w > (out[s] ?? 0)) out[s] = w;
  }
  return out;
}

/** The nodes a cause's items are about; null when it does not name a node for every item. */
const nodesOf = (c: Candidate): Set<string> | null =>
  c.items?.length && c.items.every((x) => x.nodeId) ? new Set(c.items.map((x) => x.nodeId!)) : null;

/**
 * Whether `root` explains `other`: the cause table says so and, when both name their nodes, every
 * node `other` fails on is one `root` fails on (a down Expressway-E explains the tunnel to it, not
 * a tunnel to a healthy node).
 */
export function explainsCause(root: Candidate, other: Candidate): boolean {
  if (root.id === other.id || !(CHECK_CAUSES[root.id]?.explains ?? []).includes(other.id)) return false;
  const mine = nodesOf(root);
  const theirs = nodesOf(other);
  return !mine || !theirs || [...theirs].every((n) => mine.has(n));
}

function fromCheck(c: CheckResult, weights: Candidate["weights"], generatedAt: number): Candidate {
  return {
    id: c.id,
    title: CHECK_CAUSES[c.id]?.title ?? c.title,
    text: c.summary,
    domainIds: [...c.domainIds],
    confirmed: false,
    checkIds: [c.id],
    findingIds: [],
    evidence: c.evidence,
    basis: checkBasis(c, generatedAt),
    fix: [...c.fix],
    weights: { ...weights },
    ...(c.items?.length ? { items: c.items } : {}),
  };
}

function addFinding(into: Candidate, f: Finding, file: CaseEvidence): void {
  for (const s of f.scenarioIds) into.weights[s] = combine(into.weights[s] ?? 0, FINDING_WEIGHT[f.confidence]);
  // Only the engineer's own evidence, failing with high confidence, shows the cause itself.
  if (f.severity === "fail" && f.confidence === "high") into.confirmed = true;
  into.findingIds.push(f.id);
  for (const d of f.domainIds) if (!into.domainIds.includes(d)) into.domainIds.push(d);
  const quotes = f.evidence.slice(0, 3);
  into.evidence.push(
    ...quotes.map(
      (r): CheckEvidence => ({
        label: f.title,
        value: r.text,
        source: `${file.fileName}${where(r) ? ` ${where(r)}` : ""}`,
        ageMs: null,
      }),
    ),
  );
  into.basis.push(
    `your ${file.kind} file ${file.fileName}: ${f.title} (${f.severity}, ${f.confidence} confidence)` +
      (quotes.length ? ` — ${quotes.map((r) => `${where(r) ? `${where(r)}: ` : ""}"${r.text}"`).join("; ")}` : ""),
  );
  if (into.checkIds.length === 0 && into.fix.length === 0) into.fix = [...f.fix];
}

/** Every cause present in the checks and the case's evidence, keyed by cause id. */
export function gatherCauses(
  checks: CheckResult[],
  evidence: CaseEvidence[],
  generatedAt: number,
): Map<string, Candidate> {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const causes = new Map<string, Candidate>();
  for (const c of checks) {
    const weights = checkWeights(CHECK_CAUSES[c.id], c);
    // A failing check always becomes a cause (one the table does not map shows as causing none of T1–T4).
    if (c.status === "fail" || Object.keys(weights).length > 0) causes.set(c.id, fromCheck(c, weights, generatedAt));
  }
  for (const file of evidence) {
    for (const f of file.findings) {
      if (f.severity === "info") continue;
      const candidates = FINDING_CAUSES[f.id] ?? [];
      const target =
        candidates.find((id) => byId.get(id)?.status === "fail") ??
        (candidates.length === 1 ? candidates[0] : undefined);
      const key = target ?? `finding:${f.id}`;
      let into = causes.get(key);
      if (!into) {
        const live = target ? byId.get(target) : undefined;
        into = {
          id: key,
          title: target ? CHECK_CAUSES[target]!.title : f.title,
          text: `${f.title}: ${f.detail}`,
          domainIds: [],
          confirmed: false,
          checkIds: [],
          findingIds: [],
          evidence: [],
          fix: [],
          weights: {},
          basis: live
            ? [
                `live check "${live.title}": ${live.status.toUpperCase()} — ${live.summary} (your evidence sees what the check cannot)`,
              ]
            : [],
        };
        causes.set(key, into);
      }
      addFinding(into, f, file);
    }
  }
  return causes;
}
