// C1 when Expressway-C's Meeting Server settings cannot be read (their location is invented and a
// box may refuse it): what the documented sources prove instead. Expressway-C adds the "Meeting
// Server web bridges" allow-list rules (V2) and builds a tunnel for the Join URL domain (V3) only
// while Meeting Server Web Proxy is enabled with that Join URL (TAC 210800), so both present means
// the web proxy is on. Shown as "inferred from V2/V3", never as the direct reading. Isomorphic.
import type { AllowListRule } from "./sources/expressway-c-allowlist-auto";
import type { Tunnel as TunnelEntry } from "./sources/expressway-c-tunnels";
import { compareAllowListRules, isActive, sameHost } from "./web-proxy";

export type WebProxyInference =
  | { state: "on"; why: string }
  | { state: "off"; why: string }
  | { state: "unknown"; why: string };

export const INFERRED_FROM = ["V2", "V3"] as const;

export function inferWebProxy(
  rules: readonly AllowListRule[] | null,
  tunnels: readonly TunnelEntry[] | null,
  joinUrl: string,
): WebProxyInference {
  if (rules === null || tunnels === null)
    return { state: "unknown", why: "the allow list (V2) or the tunnels (V3) have no fresh reading either" };
  const rulesPresent = compareAllowListRules(rules).every((r) => r.state !== "missing");
  const anyWebBridgeRule = rules.some((r) => (r.description ?? "").toLowerCase() === "meeting server web bridges");
  const joinTunnels = tunnels.filter((t) => sameHost(t.domain, joinUrl));
  const joinActive = joinTunnels.some((t) => isActive(t.status));
  if (rulesPresent && joinActive)
    return {
      state: "on",
      why: `Meeting Server web bridge rules are present (V2) and a tunnel for ${joinUrl} is Active (V3)`,
    };
  if (!anyWebBridgeRule && !joinTunnels.length)
    return { state: "off", why: `no Meeting Server web bridge rule (V2) and no tunnel for ${joinUrl} (V3)` };
  return {
    state: "unknown",
    why: `${rulesPresent ? "web bridge rules present" : "web bridge rules missing or wrong"} (V2), ${joinActive ? "Join URL tunnel Active" : joinTunnels.length ? "Join URL tunnel not Active" : "no Join URL tunnel"} (V3): not enough to tell`,
  };
}
