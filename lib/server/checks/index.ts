import "server-only";
import type { CheckResult, ProbeTime } from "@/lib/domain/checks";
import { c1WebProxy } from "./c1-web-proxy";
import { c2Certificate } from "./c2-certificate";
import { c4AdminPort } from "./c4-admin-port";
import { c5TurnCredentials } from "./c5-turn-credentials";
import { c5TurnServers } from "./c5-turn-servers";
import { r1Versions } from "./r1-versions";
import { r2ExpresswayEAnswers } from "./r2-expressway-e-answers";
import { r3CmsAlarms } from "./r3-cms-alarms";
import { r4TurnActive } from "./r4-turn-active";
import { r6TurnPorts } from "./r6-turn-ports";
import { r8OutsideDns } from "./r8-outside-dns";
import { r9InsideDns } from "./r9-inside-dns";
import { r12JabberGuest } from "./r12-jabber-guest";
import { v1WebBridgeResolved } from "./v1-web-bridge-resolved";
import { v2AllowlistRules } from "./v2-allowlist-rules";
import { v3Tunnels } from "./v3-tunnels";
import { v4TurnRtt } from "./v4-turn-rtt";
import { v5RelayUsage } from "./v5-relay-usage";
import { xmppSrv } from "./xmpp-srv";
import { certExpiry } from "./cert-expiry";
import { certChain } from "./cert-chain";
import { certClientAuth } from "./cert-client-auth";
import { certNames } from "./cert-names";
import { certStrength } from "./cert-strength";
import { cmsLicensingCheck } from "./cms-licensing";
import { cmsDatabaseCheck } from "./cms-database";
import { capacityMediaLoad } from "./capacity-media-load";
import { capacityTurnRelays } from "./capacity-turn-relays";
import { capacityCallLicences } from "./capacity-call-licences";
import type { Check, CheckContext } from "./types";

/** Every check, listed once, in the order the domain brief walks a deployment. */
export const CHECKS: readonly Check[] = [
  r1Versions,
  r4TurnActive,
  r6TurnPorts,
  r8OutsideDns,
  r9InsideDns,
  r12JabberGuest,
  c1WebProxy,
  c2Certificate,
  c4AdminPort,
  c5TurnServers,
  c5TurnCredentials,
  v1WebBridgeResolved,
  v2AllowlistRules,
  r2ExpresswayEAnswers,
  v3Tunnels,
  v4TurnRtt,
  v5RelayUsage,
  r3CmsAlarms,
  xmppSrv,
  // Certificate audit and capacity/licence headroom (docs/certificates.md, docs/capacity.md).
  certExpiry,
  certChain,
  certClientAuth,
  certNames,
  certStrength,
  cmsLicensingCheck,
  cmsDatabaseCheck,
  capacityMediaLoad,
  capacityTurnRelays,
  capacityCallLicences,
];

export type CheckId = string;

/** The context with its probe reads noted, so each result can say when the probes it read ran. */
function noteProbes(ctx: CheckContext): { ctx: CheckContext; probes: Map<string, ProbeTime> } {
  const probes = new Map<string, ProbeTime>();
  const probe = <R>(key: string) => {
    const p = ctx.probe<R>(key);
    if (!probes.has(key))
      probes.set(key, {
        label: p.label,
        at: p.ageMs === null || p.result === null ? null : new Date(ctx.now - p.ageMs).toISOString(),
      });
    return p;
  };
  return { ctx: { ...ctx, probe }, probes };
}

/** Runs one check; a bug in a check becomes an unknown result, never a failed page. */
export function runCheck(check: Check, ctx: CheckContext): CheckResult {
  const head = { id: check.id, title: check.title, area: check.area, domainIds: [...check.domainIds] };
  const noted = noteProbes(ctx);
  try {
    const outcome = check.evaluate(noted.ctx);
    return { ...head, ...outcome, ...(noted.probes.size ? { probes: [...noted.probes.values()] } : {}) };
  } catch (err) {
    console.error(`check ${check.id} threw`, err);
    return {
      ...head,
      status: "unknown",
      summary: "This check could not be evaluated (internal error, logged on the server).",
      evidence: [],
      fix: [],
    };
  }
}

export const evaluateChecks = (ctx: CheckContext): CheckResult[] => CHECKS.map((c) => runCheck(c, ctx));

export { MANUAL_STEPS } from "./manual-steps";
export type { Check, CheckContext } from "./types";
