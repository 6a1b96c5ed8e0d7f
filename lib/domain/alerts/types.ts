// JSON shapes of /api/alerts/** and /api/maintenance answers (isomorphic).
import type { ChannelType } from "./channel-config";
import type { AlertState } from "./state-machine";
import type { AlertKind } from "./payload";

export interface ChannelView {
  id: string;
  /** Managed by the provisioning file (EDGESCOPE_PROVISION): read-only */
  provisioned?: boolean;
  name: string;
  type: ChannelType;
  /** The public part only; secrets are listed by name in secretsSet, never by value */
  config: Record<string, unknown>;
  secretsSet: string[];
  enabled: boolean;
  /** Consecutive failed deliveries marked it failing; lastError says why */
  failing: boolean;
  failingSince: string | null;
  lastError: string | null;
  lastSentAt: string | null;
}

export interface RuleView {
  id: string;
  /** Managed by the provisioning file (EDGESCOPE_PROVISION): read-only */
  provisioned?: boolean;
  name: string;
  deploymentIds: string[];
  areas: string[];
  checkIds: string[];
  minSeverity: "fail" | "warn";
  pendingSeconds: number | null;
  recoverySeconds: number | null;
  repeatMinutes: number | null;
  channelIds: string[];
  notifyOnResolve: boolean;
  enabled: boolean;
}

export interface AlertView {
  id: string;
  ruleId: string;
  ruleName: string;
  deploymentId: string;
  deploymentName: string;
  kind: AlertKind;
  conditionKey: string;
  state: AlertState;
  /** Firing but not sent now: silenced by someone, or in a maintenance window */
  silenced: boolean;
  silencedUntil: string | null;
  silencedBy: string | null;
  inMaintenance: boolean;
  severity: string;
  title: string;
  detail: string;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  ackedBy: string | null;
  ackedAt: string | null;
  /** Delivery of its messages: sent / waiting / given up */
  messages: { sent: number; pending: number; dead: number };
}

export interface MaintenanceView {
  id: string;
  deploymentId: string | null;
  deploymentName: string | null;
  start: string | null;
  end: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string | null;
  reason: string;
  createdBy: string;
  /** In effect now, and the next start (recurring) */
  active: boolean;
  nextStart: string | null;
}

/** What the board adds to a tile: a bell and the maintenance stripe. */
export interface BoardAlertMarks {
  firing: Record<string, number>;
  maintenance: string[];
}
