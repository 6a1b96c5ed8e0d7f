// What a check tells the NOC board and an engineer (issue 4): one status per check, the values it
// looked at with their source and age, and a guided fix. Isomorphic: the UI renders these types.
import type { Problem } from "./board-words";
import type { ScenarioId } from "./findings";

/** unknown: data missing or stale, or a probe not configured/run — never shown as healthy. */
export const CHECK_STATUSES = ["pass", "warn", "fail", "unknown"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const CHECK_STATUS_RANK: Record<CheckStatus, number> = { fail: 0, unknown: 1, warn: 2, pass: 3 };

/** Where the NOC board groups a check. */
export const CHECK_AREAS = ["tunnels", "allowlist", "turn-relays", "turn-servers", "dns-tls", "cms", "versions"] as const;
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
  /** What is wrong, per node, in a few words for the wall board (absent: the summary says it). */
  problems?: Problem[];
  /**
   * An unknown verdict that waits only on these sources (source ids, e.g. "cms.turn-servers"):
   * the board then leaves "no data" to their own area rather than this check's.
   */
  waitingOn?: string[];
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
  /** Whether this answer ran probes now (engineer, ?probe=1) or used cached results. */
  probed: boolean;
  checks: CheckResult[];
  manual: ManualStep[];
}

export const SCENARIO_VERDICTS = ["likely", "possible", "not-indicated", "unknown"] as const;
export type ScenarioVerdict = (typeof SCENARIO_VERDICTS)[number];

export interface ScenarioCause {
  text: string;
  checkIds: string[];
  evidence: CheckEvidence[];
}

export interface ScenarioResult {
  id: ScenarioId;
  /** In the caller's words, e.g. "outside users connect but get no audio or video". */
  title: string;
  verdict: ScenarioVerdict;
  /** 0..1; 0 when nothing points at it. */
  confidence: number;
  causes: ScenarioCause[];
  fix: string[];
}

export interface ScenariosResponse {
  deploymentId: string;
  generatedAt: string;
  probed: boolean;
  scenarios: ScenarioResult[];
}

/** The worst status of a list (fail < unknown < warn < pass); pass when empty. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (CHECK_STATUS_RANK[s] < CHECK_STATUS_RANK[w] ? s : w), "pass");
}
