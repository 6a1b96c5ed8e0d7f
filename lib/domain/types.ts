// Shared vocabulary of server and browser code (no I/O here).

export const NODE_ROLES = ["EXPRESSWAY_C", "EXPRESSWAY_E", "CMS"] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

export const ROLE_LABELS: Record<NodeRole, string> = {
  EXPRESSWAY_C: "Expressway-C",
  EXPRESSWAY_E: "Expressway-E",
  CMS: "Meeting Server",
};

/** Why a poll did not yield data; "ok" when it did. Mirrors the PollOutcome enum in the schema. */
export const POLL_OUTCOMES = ["ok", "timeout", "unreachable", "auth", "tls", "http", "parse"] as const;
export type PollOutcome = (typeof POLL_OUTCOMES)[number];
export type PollFailureKind = Exclude<PollOutcome, "ok">;
