// The alert message every channel carries, as JSON (generic webhook) or rendered from it (e-mail,
// Teams, Webex, Slack). Versioned: fields are only ever added within v1; a change of meaning is a
// new schema name. docs/alerting.md documents each field.
import type { ScenarioId } from "../findings";

export const PAYLOAD_SCHEMA = "edgescope.alert/v1" as const;
export const ALERT_EVENTS = ["firing", "resolved", "repeat", "test"] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];
/** check: a check is failing/warning · poll: the node's API polls fail · stale: no fresh data */
export type AlertKind = "check" | "poll" | "stale";

export interface AlertDiagnosis {
  deployment: { id: string; name: string; url: string };
  node: { id: string; name: string; role: string } | null;
  check: { id: string; title: string; area: string; domainIds: string[] } | null;
  /** fail | warn (checks), the poll outcome (poll), "stale" */
  status: string;
  /** One line: what is wrong */
  summary: string;
  /** The node's own words (poll error) or the probe/check result */
  words: string | null;
  evidence: { label: string; value: string; source: string }[];
  /** The likely T-scenario, when one is at least possible */
  scenario: { id: ScenarioId; title: string; verdict: string; confidence: number } | null;
  /** The first fix steps, numbered in order */
  fix: string[];
}

export interface AlertPayload extends AlertDiagnosis {
  schema: typeof PAYLOAD_SCHEMA;
  /** Unique per message and channel: receivers drop a repeat delivery by it */
  messageId: string;
  event: AlertEvent;
  createdAt: string;
  alert: {
    id: string;
    rule: { id: string; name: string };
    kind: AlertKind;
    severity: "fail" | "warn" | "stale";
    since: string;
    firedAt: string | null;
    resolvedAt: string | null;
    /** Set on resolve: how long it lasted */
    durationSeconds: number | null;
  };
}
