import "server-only";
import type { DnsProbeResult } from "@/lib/server/probes/dns";
import { PROBE_KEYS } from "@/lib/domain/keys";
import { dnsAnswerText, resolverTrouble } from "./dns-support";
import { probeEv, unknownIfNoProbe } from "./support";
import { defineCheck } from "./types";

// T3/T4 (and R3, XMPP configured): CMS on the inside network must resolve the _xmpp-client SRV
// record of the Call Bridge domain.
export const xmppSrvName = (domain: string) => `_xmpp-client._tcp.${domain}`;

export const xmppSrv = defineCheck({
  id: "xmpp-srv",
  domainIds: ["T3", "T4", "R3"],
  title: "Inside DNS: _xmpp-client SRV of the Call Bridge domain",
  area: "dns-tls",
  evaluate(ctx) {
    const p = ctx.probe<DnsProbeResult>(PROBE_KEYS.insideXmpp);
    const none = unknownIfNoProbe(p, "set the inside resolver of the deployment");
    if (none) return none;
    const trouble = resolverTrouble(p, "the inside resolver");
    if (trouble) return trouble;
    const r = p.result!;
    const evidence = [probeEv(p, `SRV ${r.name}`, dnsAnswerText(r))];
    if (r.outcome === "ok" && r.answers.length)
      return { status: "pass", summary: `${r.name} resolves (${dnsAnswerText(r)}).`, evidence, fix: [] };
    return {
      status: "fail",
      summary: `${r.name} does not resolve on the inside network (${r.outcome}).`,
      evidence,
      fix: [
        `Inside DNS: publish the SRV record ${r.name} pointing at the XMPP server of the Call Bridge (T3, T4).`,
        "Check it against every DNS server CMS uses (MMP `dns`), then `dns flush` on the CMS MMP CLI.",
        "Inside WebRTC calls must work before outside ones can (T3).",
      ],
    };
  },
});
