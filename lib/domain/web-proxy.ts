// The Web Proxy panels' reading of Expressway-C data (pure): V2 expected allow-list rules and V3
// tunnels per Expressway-E node. The V2 and V3 checks (lib/server/checks) call these same functions.
import { hostOf, sameHost } from "./hosts";
import { WEB_BRIDGE_RULE_DESCRIPTION, type AllowListRule } from "./sources/expressway-c-allowlist-auto";
import type { Tunnel as TunnelEntry } from "./sources/expressway-c-tunnels";

export { hostOf, sameHost };

// ---- V2 -----------------------------------------------------------------------------------

export { WEB_BRIDGE_RULE_DESCRIPTION };
export const WEB_BRIDGE_METHODS = ["DELETE", "GET", "HEAD", "POST", "PUT"] as const;

/** The two automatic inbound rules V2 expects on Expressway-C once the Web Proxy is on (C1). */
export const EXPECTED_WEB_BRIDGE_RULES: readonly AllowListRule[] = (["https", "wss"] as const).map((protocol) => ({
  description: WEB_BRIDGE_RULE_DESCRIPTION,
  protocol,
  port: 443,
  matchType: "Prefix",
  path: "/",
  methods: [...WEB_BRIDGE_METHODS],
}));

/**
 * expected: a rule V2 asks for, present as required · differs: a rule for an expected protocol that
 * is not as required · missing: an expected rule with no matching rule (shown with the expected
 * values) · other: any further rule, not V2's business.
 */
export type RuleState = "expected" | "differs" | "missing" | "other";
export interface RuleRow {
  state: RuleState;
  rule: AllowListRule;
  /** What is wrong, in words ("methods lack DELETE"); empty for expected and other rows */
  problems: string[];
}

/** How `actual` falls short of `expected`; empty when it satisfies it (extra methods are fine). */
export function ruleProblems(actual: AllowListRule, expected: AllowListRule): string[] {
  const out: string[] = [];
  if (actual.protocol.toLowerCase() !== expected.protocol)
    out.push(`protocol ${actual.protocol}, not ${expected.protocol}`);
  if (actual.port !== expected.port) out.push(`port ${actual.port}, not ${expected.port}`);
  if ((actual.matchType ?? "").toLowerCase() !== (expected.matchType ?? "").toLowerCase())
    out.push(`match type ${actual.matchType ?? "none"}, not ${expected.matchType}`);
  if (actual.path !== expected.path) out.push(`path ${actual.path}, not ${expected.path}`);
  const methods = new Set(actual.methods.map((m) => m.toUpperCase()));
  const lacking = expected.methods.filter((m) => !methods.has(m));
  if (lacking.length) out.push(`methods lack ${lacking.join(", ")}`);
  return out;
}

/**
 * Compares the automatic inbound rules with the two V2 expects. Every actual rule becomes a row;
 * an expected rule no actual rule satisfies adds a "missing" row first, explaining the nearest
 * candidates (same protocol, and the web bridge description or port) when there are any.
 */
/** The rule that satisfies `expected` (V2), if any. */
export const findExpectedRule = <R extends AllowListRule>(
  rules: readonly R[],
  expected: AllowListRule,
): R | undefined => rules.find((r) => ruleProblems(r, expected).length === 0);

export function compareAllowListRules(
  rules: readonly AllowListRule[],
  expected: readonly AllowListRule[] = EXPECTED_WEB_BRIDGE_RULES,
): RuleRow[] {
  const states = new Map<AllowListRule, RuleRow>();
  const missing: RuleRow[] = [];
  for (const e of expected) {
    const exact = findExpectedRule(rules, e);
    if (exact) {
      states.set(exact, { state: "expected", rule: exact, problems: [] });
      continue;
    }
    // Candidates: same protocol and either the web bridge description or the same port.
    const near = rules.filter(
      (r) =>
        r.protocol.toLowerCase() === e.protocol &&
        !states.has(r) &&
        ((r.description ?? "").toLowerCase() === (e.description ?? "").toLowerCase() || r.port === e.port),
    );
    for (const r of near) states.set(r, { state: "differs", rule: r, problems: ruleProblems(r, e) });
    missing.push({
      state: "missing",
      rule: e,
      problems: near.length
        ? [
            `the ${e.protocol} rule present is not as required: ${near.map((r) => ruleProblems(r, e).join(", ")).join("; ")}`,
          ]
        : [`no ${e.protocol} rule`],
    });
  }
  return [...missing, ...rules.map((r) => states.get(r) ?? { state: "other" as const, rule: r, problems: [] })];
}

// ---- V3 -----------------------------------------------------------------------------------

export const isActive = (status: string) => status.trim().toLowerCase() === "active";

export interface TunnelRow extends TunnelEntry {
  active: boolean;
  /** A tunnel for the Join URL domain (the one V3 is about) */
  forJoinUrl: boolean;
}
export interface TunnelView {
  rows: TunnelRow[];
  /** Expressway-E nodes of the deployment with no tunnel for the Join URL domain (V3) */
  eNodesWithoutJoinTunnel: string[];
  /** Expressway-E nodes whose Join URL tunnel exists but is not Active */
  eNodesJoinNotActive: string[];
}

/** Join-URL tunnels first, then by target; each Expressway-E must have an Active one (V3). */
export function tunnelView(tunnels: readonly TunnelEntry[], eNodes: readonly string[], joinUrl: string): TunnelView {
  const rows = tunnels
    .map((t) => ({ ...t, active: isActive(t.status), forJoinUrl: sameHost(t.domain, joinUrl) }))
    .sort(
      (a, b) =>
        Number(b.forJoinUrl) - Number(a.forJoinUrl) ||
        hostOf(a.target).localeCompare(hostOf(b.target)) ||
        hostOf(a.domain).localeCompare(hostOf(b.domain)),
    );
  return {
    rows,
    eNodesWithoutJoinTunnel: eNodes.filter((e) => !joinTunnelsTo(rows, e).length),
    eNodesJoinNotActive: eNodes.filter((e) => joinTunnelsTo(rows, e).some((r) => !r.active)),
  };
}

/** The Join URL tunnels to one Expressway-E node (V3 wants at least one, all Active). */
export const joinTunnelsTo = (rows: readonly TunnelRow[], eNode: string): TunnelRow[] =>
  rows.filter((r) => r.forJoinUrl && sameHost(r.target, eNode));
