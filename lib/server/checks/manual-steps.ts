import "server-only";
import type { ManualStep } from "@/lib/domain/checks";

// Domain items Edgescope cannot verify from where it runs, each with the reason and the steps a
// person follows instead. Items partly covered by a check say which check holds the rest.
export const MANUAL_STEPS: readonly ManualStep[] = [
  {
    domainIds: ["R2"],
    title: "Basic MRA settings on the Expressways",
    reason:
      "The Unified Communications traversal zone and MRA settings are configuration no polled source returns; only their effect, the SSH tunnels, is checked (v3-tunnels).",
    steps: [
      "Expressway-C and -E: Configuration > Unified Communications > Configuration: Unified Communications mode = Mobile and remote access.",
      "Expressway-C: Configuration > Zones: the Unified Communications traversal zone is Active.",
    ],
  },
  {
    domainIds: ["R3"],
    title: "Web Bridge, XMPP and Call Bridge configured and enabled on CMS",
    reason:
      "Their MMP configuration is not in the CMS API; alarms (r3-cms-alarms) and the _xmpp-client SRV (xmpp-srv) are checked.",
    steps: [
      "CMS MMP: `webbridge3` (or `webbridge` on 2.x), `xmpp` and `callbridge` each show enabled with their listening interfaces and certificates.",
    ],
  },
  {
    domainIds: ["R5"],
    title: "TCP 443 open from the internet to Expressway-E's public address",
    reason:
      "Edgescope probes from inside the network; only a client on the internet proves the outside firewall (c2-certificate shows that 443 answers from here).",
    steps: [
      "From a host on the internet: open https://<Join URL>/ — the Web Bridge page loads and the certificate covers the Join URL.",
    ],
  },
  {
    domainIds: ["R7"],
    title: "UDP 3478 from CMS to Expressway-E's private address",
    reason:
      "The Call Bridge's own path is only visible through the RTT CMS reports (v4-turn-rtt); Edgescope cannot send from the Call Bridge's address.",
    steps: [
      "CMS API: GET /api/v1/turnServers/<id>/status shows an RTT for every turnServer; if not, open UDP 3478 from CMS to the private address.",
    ],
  },
  {
    domainIds: ["R10"],
    title: "NAT reflection for Expressway-E's public address (X12.5.2 or earlier, static NAT)",
    reason: "NAT reflection is a firewall behaviour seen only from the DMZ; no API reports it.",
    steps: [
      "Only for a dual-NIC Expressway-E with static NAT on X12.5.2 or earlier: the outside firewall must allow NAT reflection for its public address (R10).",
      "From X12.5.3 a standalone Expressway-E no longer needs it: upgrading removes the requirement.",
    ],
  },
  {
    domainIds: ["R13"],
    title: "No load balancer in the TURN media path",
    reason: "A load balancer is invisible to the Expressway and CMS APIs.",
    steps: [
      "A load balancer may front HTTPS/TCP 443, but TURN media (UDP 3478, relays 24000–29999) must go straight from the client to each Expressway-E's public address (R13).",
    ],
  },
];
