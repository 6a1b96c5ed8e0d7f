// What an evidence analyzer tells an engineer (issue 7): findings tied to the troubleshooting
// scenarios T1–T4 of the domain brief, each with the lines/packets/entries that prove it and
// the guided fix. Isomorphic: the troubleshooting view renders these types as they are.

export const SCENARIO_IDS = ["T1", "T2", "T3", "T4"] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const EVIDENCE_KINDS = ["cms-log", "webrtc-internals", "har", "pcap"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** fail: this is (part of) the fault; warn: suspicious or partial; info: context or healthy. */
export type Severity = "info" | "warn" | "fail";
export const SEVERITY_RANK: Record<Severity, number> = { fail: 0, warn: 1, info: 2 };

/**
 * How directly the evidence shows the scenario. A CMS "ICE failure 4" line is high; a HAR,
 * which never sees media, can only hint at T1/T3 (low).
 */
export type Confidence = "high" | "medium" | "low";

/** One place in the evidence; exactly one locator is set, matching the evidence kind. */
export interface EvidenceRef {
  /** 1-based line of a text log. */
  line?: number;
  /** 1-based frame number, as Wireshark numbers them. */
  packet?: number;
  /** 1-based position in the HAR's log.entries. */
  entry?: number;
  /** webrtc-internals PeerConnection key, e.g. "12-1". */
  peerConnection?: string;
  /** Identical lines/messages folded into this one (see first/last). */
  count?: number;
  /** Time of the first and last occurrence, as written in the evidence. */
  first?: string;
  last?: string;
  text: string;
}

export interface Finding {
  /** Stable rule id, e.g. "cms-log.ice-unauthorized"; the UI keys on it, never on the title. */
  id: string;
  severity: Severity;
  /** Empty when the finding is context, or a fault the brief names outside T1–T4 (e.g. C1). */
  scenarioIds: ScenarioId[];
  /** R/C/V ids of the domain brief the finding rests on. */
  domainIds: string[];
  confidence: Confidence;
  title: string;
  detail: string;
  /** Capped (see evidenceTotal); the first occurrences come first. */
  evidence: EvidenceRef[];
  /** How many occurrences there were in all, when more than evidence holds. */
  evidenceTotal?: number;
  /** Guided steps, in order; shown numbered. */
  fix: string[];
}

export interface AnalysisResult<Stats = unknown, Details = unknown> {
  kind: EvidenceKind;
  /** One or two sentences for the top of the report. */
  summary: string;
  /** Scenarios the warn/fail findings point at, worst first. */
  scenarioIds: ScenarioId[];
  /** Worst first. */
  findings: Finding[];
  stats: Stats;
  /** Kind-specific tables (see evidence-details.ts); bounded in size. */
  details: Details;
  /** Problems reading the file that did not stop the analysis (truncation, skipped lines). */
  notes: string[];
}

/** Evidence lists stay readable and responses small; the total is still reported. */
export const MAX_EVIDENCE_PER_FINDING = 20;

/** Orders findings worst first and derives the scenario verdict from them. */
export function rankFindings(findings: Finding[]): { findings: Finding[]; scenarioIds: ScenarioId[] } {
  const confidenceRank: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      confidenceRank[a.confidence] - confidenceRank[b.confidence],
  );
  const scenarioIds: ScenarioId[] = [];
  for (const f of sorted) {
    if (f.severity === "info") continue;
    for (const id of f.scenarioIds) if (!scenarioIds.includes(id)) scenarioIds.push(id);
  }
  return { findings: sorted, scenarioIds };
}
