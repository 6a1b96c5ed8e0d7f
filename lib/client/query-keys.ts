// Every TanStack Query key, built here once: a namespaced name plus its params. A mutation
// invalidates by the same builders, and a key's prefix (name and id) matches all of its variants.

/** A history chart's range: fixed, or the last `lastMs` up to each fetch (live panels). */
export type HistoryRange = { from: number; to: number } | { lastMs: number };

export const queryKeys = {
  me: () => ["me"] as const,
  board: () => ["board"] as const,
  deployments: () => ["deployments"] as const,
  users: () => ["users"] as const,
  settings: () => ["settings"] as const,
  audit: () => ["audit"] as const,
  status: (id: string) => ["deployment:status", { id }] as const,
  checks: (id: string) => ["deployment:checks", { id }] as const,
  scenarios: (id: string) => ["deployment:scenarios", { id }] as const,
  /** Without a series and range: every chart of the deployment. */
  history: (id: string | undefined, series?: string, range?: HistoryRange | null) =>
    ["deployment:history", { id, ...(series ? { series } : {}), ...(range ?? {}) }] as const,
  /** Without an id: the node lists of every deployment. */
  nodes: (id?: string) =>
    id === undefined ? (["deployment:nodes"] as const) : (["deployment:nodes", { id }] as const),
  forecast: (id: string | undefined, range: { from: number; to: number } | null) =>
    ["deployment:forecast", { id, from: range?.from, to: range?.to }] as const,
  tokens: () => ["tokens"] as const,
  certificates: () => ["certificates"] as const,
  /** Without a state: the alert lists of every state. */
  alerts: (state?: string) => (state === undefined ? (["alerts"] as const) : (["alerts", { state }] as const)),
  alertRules: () => ["alerts:rules"] as const,
  alertChannels: () => ["alerts:channels"] as const,
  alertMarks: () => ["alerts:board"] as const,
  maintenance: () => ["maintenance"] as const,
  /** Without an id: the TURN credentials of every deployment. */
  turnCredentials: (id?: string) =>
    id === undefined ? (["deployment:turn-credentials"] as const) : (["deployment:turn-credentials", { id }] as const),
};
