// The four symptoms callers report (domain brief T1–T4), with the hand-collected evidence that
// settles each one: what to capture, where to look, and what each finding means (pure data).
import type { EvidenceKind, ScenarioId } from "./findings";

export interface ManualStep {
  id: string;
  /** What to do, naming the exact UI or tool. */
  action: string;
  /** What the result means for this symptom. */
  meaning: string;
  /** Evidence this step produces, if it can be uploaded for analysis. */
  evidence?: EvidenceKind;
}

export interface Symptom {
  id: ScenarioId;
  /** In the caller's words. */
  words: string;
  steps: ManualStep[];
}

const captureStun: ManualStep = {
  id: "capture-stun",
  action:
    'Capture on the outside client (Wireshark) and on Expressway-E (Maintenance > Diagnostics > Diagnostic logging, tick "Take tcpdump while logging", start before reproducing), then filter `stun`.',
  meaning:
    "Allocate Error 401/431 means wrong TURN credentials (T1); Binding requests to 24000–29999 without answers mean blocked relay ports (T3).",
  evidence: "pcap",
};
const webrtcDump: ManualStep = {
  id: "webrtc-internals",
  action:
    'In Chrome on the outside client open chrome://webrtc-internals before joining, reproduce, then "Create dump" and download it.',
  meaning:
    "No relay candidate with icecandidateerror 401/431 points at TURN credentials (T1); a relay candidate whose pairs all fail points at relay ports (T3).",
  evidence: "webrtc-internals",
};
const cmsLog: ManualStep = {
  id: "cms-event-log",
  action:
    "On CMS Web Admin open Logs > Event logs (and Status > General), copy the lines around the failed join, or export the syslog.",
  meaning: "`ICE failure 4 (unauthorized - check credentials)` is T1; web bridge link / DNS failure lines are T2.",
  evidence: "cms-log",
};
const har: ManualStep = {
  id: "har",
  action: 'In the browser\'s developer tools (Network tab, "Preserve log"), reproduce, then "Export HAR".',
  meaning:
    "A failed websocket upgrade or HTTP 400 on the Join URL points at the web proxy (C1, V2); a return to the start page after ~30 s fits T1/T3.",
  evidence: "har",
};

export const SYMPTOMS: readonly Symptom[] = [
  { id: "T1", words: "Outside users connect but get no audio or video", steps: [cmsLog, webrtcDump, captureStun] },
  {
    id: "T2",
    words: "Outside users are not offered the join option",
    steps: [
      {
        ...cmsLog,
        meaning:
          '"Web bridge connection to … failed (DNS failure)" or "failed to establish connection to web bridge link" confirms T2.',
      },
      {
        id: "inside-dns",
        action:
          "From a host in the Call Bridge's network, resolve the Join URL (e.g. `nslookup webbridge.example.com` against the DNS server CMS uses).",
        meaning: "It must give the Web Bridge's address; Expressway-E's address is the T2 cause (R9).",
      },
      har,
    ],
  },
  {
    id: "T3",
    words: 'Stuck on "loading media", then back to the start page',
    steps: [
      {
        id: "inside-calls",
        action: "Place an inside WebRTC call to the same space.",
        meaning: "If inside calls fail too, fix CMS first (XMPP SRV, Call Bridge); the edge is not the cause yet.",
      },
      captureStun,
      webrtcDump,
      {
        id: "firewall",
        action:
          "Check the outside firewall for UDP 24000–29999 to and from Expressway-E's public address; on dual-NIC X12.5.2 or earlier with static NAT, check NAT reflection (R10).",
        meaning:
          "Requests never reaching Expressway-E: inbound relay range blocked. Answers never reaching the client: outbound UDP blocked.",
      },
    ],
  },
  {
    id: "T4",
    words: '"Unable to connect – try again later" at once',
    steps: [
      {
        id: "srv",
        action:
          "From the CMS network, resolve `_xmpp-client._tcp.<call bridge domain>` (SRV) against the DNS server CMS uses.",
        meaning: "No answer or a wrong target is the T4 cause: CMS must always resolve it.",
      },
      cmsLog,
      har,
    ],
  },
];

export const symptomFor = (id: ScenarioId) => SYMPTOMS.find((s) => s.id === id)!;
