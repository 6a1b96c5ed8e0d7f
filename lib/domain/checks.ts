// What a check tells the NOC board and an engineer (issue 4): one status per check, the values it
// looked at with their source and age, and a guided fix. Isomorphic: the UI renders these types.
import type { FailingItem } from "./failing-items";
import type { Finding, ScenarioId } from "./findings";

/** unknown: data missing or stale, or a probe not configured/run — never shown as healthy. */
export const CHECK_STATUSES = ["pass", "warn", "fail", "unknown"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
/** A stored status word as a CheckStatus; anything unrecognised reads as "unknown", never as pass. */
export const checkStatusOf = (s: string): CheckStatus => CHECK_STATUSES.find((x) => x === s) ?? "unknown";
export const CHECK_STATUS_RANK: Record<CheckStatus, number> = { fail: 0, unknown: 1, warn: 2, pass: 3 };

/** Where the NOC board groups a check. */
export const CHECK_AREAS = [
  "tunnels",
  "allowlist",
  "turn-relays",
  "turn-servers",
  "dns-tls",
  "cms",
  "versions",
] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];
export const CHECK_AREA_LABELS: Record<CheckArea, string> = {
  tunnels: "SSH tunnels",
  allowlist: "Web proxy and HTTP allow list",
  "turn-relays": "TURN relays (Expressway-E)",
  "turn-servers": "CMS turnServers",
  "dns-tls": "DNS and TLS",
  cms: "Meeting Server",
  versions: "Versions and Expressway alarms",
};

export interface CheckEvidence {
  label: string;
  value: string;
  /** e.g. "vcs-c.example.local · expressway-c.tunnels" or "probe dns @127.0.0.1:5353" */
  source: string;
  /** Age of the value when the check ran; null when there is no value at all. */
  ageMs: number | null;
}

export interface CheckResult {
  id: string;
  title: string;
  area: CheckArea;
  /** R/C/V (and T) ids of the domain brief this check verifies. */
  domainIds: string[];
  status: CheckStatus;
  /** One sentence: what was found. */
  summary: string;
  evidence: CheckEvidence[];
  /** Numbered steps (empty on pass). */
  fix: string[];
  /** The probes this check read, with when each ran (null: never), so a page can say "probed 05:02:31, 3 s ago". */
  probes?: ProbeTime[];
  /**
   * Set when the status rests on other items than the direct reading (e.g. C1 from V2/V3 when
   * Expressway-C's settings cannot be read): views say "inferred from …", never a plain pass.
   */
  inferred?: { from: string[]; why: string };
  /**
   * Each item it names wrong (lib/domain/failing-items.ts), written once: the wall board says them
   * node first (absent: the summary), the verdict engine weighs the symptoms and nodes they name.
   */
  items?: FailingItem[];
  /**
   * An unknown verdict that waits only on these sources (source ids, e.g. "cms.turn-servers"):
   * the board then leaves "no data" to their own area rather than this check's.
   */
  waitingOn?: string[];
}

export interface ProbeTime {
  label: string;
  /** ISO time the probe ran; null when it has not run (or is not configured). */
  at: string | null;
}

/** A domain item Edgescope cannot verify remotely: shown as a step with the reason. */
export interface ManualStep {
  domainIds: string[];
  title: string;
  reason: string;
  steps: string[];
}

export interface ChecksResponse {
  deploymentId: string;
  generatedAt: string;
  /** Whether this answer ran every probe afresh (engineer, POST) or used cached results. */
  probed: boolean;
  checks: CheckResult[];
  manual: ManualStep[];
}

export const SCENARIO_VERDICTS = ["likely", "possible", "not-indicated", "unknown"] as const;
export type ScenarioVerdict = (typeof SCENARIO_VERDICTS)[number];

/** One cause of a symptom, with what it rests on and its own fix. */
export interface ScenarioCause {
  /** The check id, or "finding:<id>" for evidence that matches no check. */
  id: string;
  /** What is wrong (lib/domain/causes.ts), said first. */
  title: string;
  /** What was found: the check's summary, or the finding's title and detail. */
  text: string;
  domainIds: string[];
  /** What this cause lends to this symptom (0..1). */
  confidence: number;
  /** Evidence the engineer supplied (a capture, a log line) shows this cause itself. */
  confirmed: boolean;
  /** Present causes this one explains (it is their root cause) / that explain it. */
  explains: string[];
  explainedBy: string[];
  checkIds: string[];
  findingIds: string[];
  evidence: CheckEvidence[];
  /** What the cause rests on, one line each: the check with its data age, the probe with when it ran, the file and line. */
  basis: string[];
  /** This cause's own numbered steps (from the check or finding that found it). */
  fix: string[];
}

export interface ScenarioResult {
  id: ScenarioId;
  /** In the caller's words, e.g. "outside users connect but get no audio or video". */
  title: string;
  verdict: ScenarioVerdict;
  /** 0..1, combined over root causes only (explained causes are not independent); 0 when nothing points at it. */
  confidence: number;
  /** Its leading cause is confirmed by the engineer's evidence. */
  confirmed: boolean;
  /** Root cause first. */
  causes: ScenarioCause[];
  /** The leading cause's fix; the symptom's investigation path when no cause was found. */
  fix: string[];
  fixFrom: "cause" | "symptom";
}

/** A failing check (or the items of one) that causes none of T1–T4, said plainly. */
export interface UnrelatedFailure {
  /** The check id, or "finding:<id>". */
  id: string;
  title: string;
  summary: string;
  reason: string;
}

/** Evidence files the case sent with their findings (what the answer rests on). */
export interface CaseEvidence {
  fileName: string;
  kind: string;
  bytes?: number;
  findings: Finding[];
}

export interface ScenariosResponse {
  deploymentId: string;
  generatedAt: string;
  probed: boolean;
  scenarios: ScenarioResult[];
  /** The symptom the evidence points at most (≥ possible), or null. */
  leading: ScenarioId | null;
  /** The checks the verdict rests on. */
  checks: CheckResult[];
  unrelated: UnrelatedFailure[];
  /** What the case attached: file, kind, size and how many findings each gave. */
  evidence: { fileName: string; kind: string; bytes: number | null; findings: number }[];
}

/** The worst status of a list (fail < unknown < warn < pass); pass when empty. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (CHECK_STATUS_RANK[s] < CHECK_STATUS_RANK[w] ? s : w), "pass");
}
