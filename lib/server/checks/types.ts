import "server-only";
import type { FailingItem } from "@/lib/domain/failing-items";
import type { CheckArea, CheckEvidence, CheckStatus } from "@/lib/domain/checks";
import type { SourceId, SourceLatest } from "@/lib/domain/sources";
import type { DeploymentFields } from "@/lib/domain/deployment-fields";
import type { NodeRole, PollOutcome } from "@/lib/domain/types";
import type { ListedTarget } from "@/lib/server/probes/listed-targets";

// The shape every check has (conventions: one idea per file, listed once in ./index.ts). A check
// is pure over a CheckContext, so unit tests hand-build contexts and need no database or network.

/** The deployment settings the checks read. */
export type CheckDeployment = DeploymentFields & {
  /** Certificate expiry reminders in days (EDGESCOPE_CERT_REMINDER_DAYS); the domain default when absent. */
  certReminderDays?: readonly number[];
};

export interface CheckNode {
  id: string;
  name: string;
  role: NodeRole;
  baseUrl: string;
  privateAddress: string | null;
  publicAddress: string | null;
  /** Effective targets (setting, else derived from publicAddress); null when neither is set. */
  turnProbeTarget: string | null;
  tlsProbeTarget: string | null;
  /** Expressway-E relay capacity set in Settings; null/absent = the documented default (lib/domain/capacity.ts). */
  turnRelayCapacity?: number | null;
  /** Extra certificate targets set on the node ("label = host:port [name]" lines); null/absent = none. */
  tlsAuditTargets?: string | null;
}

/** The latest stored value of one collector on one node, with how old and how trustworthy it is. */
export interface SourceReading<T = unknown> {
  node: CheckNode;
  source: string;
  /** What the collector's latestMany() gave for this node; null when nothing was stored yet. */
  data: T | null;
  /** Since the last successful poll; null when there never was one. */
  ageMs: number | null;
  /** No successful poll within three intervals (lib/domain/freshness): never evaluate as pass. */
  stale: boolean;
  lastOutcome: PollOutcome | null;
  lastMessage: string | null;
}

/** A probe result as a check sees it; `missing` says why there is none (not configured, not run). */
export interface ProbeReading<R = unknown> {
  key: string;
  /** e.g. "probe dns @127.0.0.1:5353" — the evidence source. */
  label: string;
  result: R | null;
  ageMs: number | null;
  stale: boolean;
  missing?: string;
  /** Probe-specific facts not in the result (e.g. the TURN username used). */
  meta?: Record<string, string>;
}

export interface CheckContext {
  now: number;
  deployment: CheckDeployment;
  nodes: CheckNode[];
  /** The latest value of `source` on a node, typed as that source declares (lib/domain/sources). */
  reading<K extends SourceId>(nodeId: string, source: K): SourceReading<SourceLatest<K>>;
  probe<R>(key: string): ProbeReading<R>;
  /** The Web Bridge / Call Bridge addresses CMS lists that are audited (derived once per context). */
  listedTargets(): ListedTarget[];
}

export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  evidence: CheckEvidence[];
  fix: string[];
  /** The status rests on other items than the direct reading (see CheckResult.inferred) */
  inferred?: { from: string[]; why: string };
  /** Each item it names wrong, for the board and the verdict alike (see CheckResult.items). */
  items?: FailingItem[];
  /** Unknown only because these sources have no fresh data (see CheckResult.waitingOn). */
  waitingOn?: string[];
}

export interface Check {
  id: string;
  /** Domain brief ids this check verifies (R/C/V, and T where it feeds a scenario). */
  domainIds: readonly string[];
  title: string;
  area: CheckArea;
  evaluate(ctx: CheckContext): CheckOutcome;
}

export const defineCheck = (c: Check): Check => c;
