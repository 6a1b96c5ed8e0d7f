// Guided fixes, worded from the domain brief (cms-webrtc-expressway.md) so every analyzer and
// the troubleshooting view say the same thing. Each step cites the R/C/V id it comes from.
import type { ScenarioId } from "./findings";

export interface ScenarioText {
  title: string;
  /** What the caller sees, so an engineer can match the report to the complaint. */
  symptom: string;
  fix: string[];
}

export const SCENARIOS: Record<ScenarioId, ScenarioText> = {
  T1: {
    title: "Outside client connects but gets no media (ICE failure)",
    symptom:
      'The call ID resolves, the client shows "Connecting" and after about 30 s returns to the Web Bridge start page; ' +
      "the TURN Allocate is answered with 431 Integrity Check Failure or 401 Unauthorized.",
    fix: [
      "On Expressway-E, Configuration > Traversal > TURN: note the TURN client username and check its password in the local authentication database (C3).",
      "On CMS, GET /api/v1/turnServers and each /api/v1/turnServers/<id>: the username must be that same user and type `expressway` (C5).",
      "The API never shows the password: set it again with PUT /api/v1/turnServers/<id> password=<the C3 password> (C5).",
      "In a cluster, repeat for every Expressway-E node used for TURN: TURN on, the same credentials in its local database, and its own turnServer on CMS (C3, C5).",
      'Retry the call: a capture now shows "Allocate Success Response", and the CMS event log has no "ICE failure 4 (unauthorized - check credentials)".',
    ],
  },
  T2: {
    title: "Outside client is not offered the join/sign-in option",
    symptom:
      'Call Bridge status shows "Web bridge connection to … failed (DNS failure)" or "failed to establish connection to web bridge link N".',
    fix: [
      "From the inside network, resolve the Join URL as the Call Bridge does: it must give the Web Bridge's address, never Expressway-E's (R9). Correct the inside DNS record if not.",
      "Flush the Call Bridge's DNS cache: `dns flush` on the CMS MMP CLI.",
      "The Web Bridge must trust the Call Bridge's server certificate — the certificate itself, not only its issuer (MMP `webbridge trust` on CMS 2.x).",
      "Check Call Bridge Status > General: the web bridge link failures stop and the outside client is offered Join / Sign in.",
    ],
  },
  T3: {
    title: 'Outside client stuck on "loading media", then sent back to the start page',
    symptom:
      "Joining a space starts, media never arrives; the client's Binding requests to Expressway-E's relay ports go unanswered.",
    fix: [
      "First: CMS resolves the `_xmpp-client._tcp` SRV record of the Call Bridge domain on the inside network, and inside WebRTC calls work.",
      "Capture on the client and on Expressway-E at the same time (Expressway-E diagnostic logging with tcpdump, started before reproducing); filter `stun`.",
      "Follow the client's Binding requests to Expressway-E's public address: their destination port is normally in the TURN relay range 24000–29999.",
      "No answers at the client: check in the Expressway-E capture whether the requests reach it.",
      "They arrive and Expressway-E answers: the outside firewall must let that outbound UDP back to the client.",
      "They never arrive: the outside firewall blocks the relay range — allow UDP 24000–29999 to Expressway-E's public address.",
      "Dual-NIC Expressway-E with static NAT on X12.5.2 or earlier: the outside firewall must allow NAT reflection for its public address (R10).",
    ],
  },
  T4: {
    title: 'Outside client cannot join a space: at once "Unable to connect – try again later"',
    symptom: "The call ID resolves but joining fails immediately.",
    fix: [
      "On the inside network, CMS must always resolve the `_xmpp-client._tcp.<Call Bridge domain>` SRV record: check it against every DNS server CMS uses (MMP `dns`).",
      "Correct the record or the DNS servers, then `dns flush` on the CMS MMP CLI.",
      'Retry from outside: joining no longer fails at once with "Unable to connect – try again later".',
    ],
  },
};

/** Fixes for faults the brief names outside T1–T4, which analyzers still recognise. */
export const FIXES = {
  /** The TURN server itself is not reached (701 in the browser, unanswered 3478 in captures). */
  turnUnreachable: [
    "From the internet, UDP 3478 must reach Expressway-E's public address (R6); TCP 3478 only where the turnServer sets tcpPortNumberOverride=3478.",
    "From CMS, UDP 3478 must reach Expressway-E's private address (R7).",
    "Expressway-E, Configuration > Traversal > TURN: TURN services On; the TURN option key is installed (R4).",
    "The TURN address the browser gets is the CMS turnServer clientAddress: it must be Expressway-E's public address (C5).",
  ],
  /** The browser was given no TURN server at all. */
  noTurnServer: [
    "On CMS, create one turnServer per Expressway-E node (POST /api/v1/turnServers): serverAddress = private address, clientAddress = public address, type `expressway`, username/password = the C3 credentials (C5).",
    "Rejoin from outside: webrtc-internals now lists turn: URLs in the configuration and a relay candidate.",
  ],
  /** Browser gets "Bad Request" (TAC 211301): the Web Proxy does not know the Join URL. */
  guestAccountUri: [
    "Expressway-C, Configuration > Unified Communications > Cisco Meeting Server: Meeting Server Web Proxy enabled and Guest account client URI exactly the Join URL (C1).",
    "The Join URL is a Subject Alternative Name in Expressway-E's server certificate (C2).",
    "Outside DNS resolves the Join URL to Expressway-E's public address (R8).",
  ],
  /** HTTPS/WSS through the Web Proxy fails (websocket not upgraded, 5xx from the proxy). */
  webProxy: [
    "Expressway-C, Status > Unified Communications > SSH tunnels: a tunnel for the Join URL domain to each Expressway-E node, status Active (V3).",
    "Expressway-C HTTP allow list, automatic rules: 'Meeting Server web bridges' for https and wss on 443, Prefix /, GET POST PUT HEAD DELETE (V2).",
    "Expressway-C Cisco Meeting Server page lists the Guest account client URI and the Web Bridge addresses it resolved (V1).",
    "TCP 443 reaches Expressway-E's public address (R5) and Expressway-E's web administration moved off 443 (C4).",
  ],
  /** TURN answered with quota/capacity errors. */
  relayCapacity: [
    "Expressway-E, Status > TURN relay usage: compare relays in use with the licensed TURN relays (R4, V5).",
    "Add TURN capacity (licences or Expressway-E nodes, each with its own turnServer on CMS, C5).",
  ],
} as const satisfies Record<string, readonly string[]>;

/** Returns a mutable copy so a finding can carry its own steps. */
export function fixFor(id: ScenarioId | keyof typeof FIXES): string[] {
  return id in SCENARIOS ? [...SCENARIOS[id as ScenarioId].fix] : [...FIXES[id as keyof typeof FIXES]];
}
