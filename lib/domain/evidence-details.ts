// Kind-specific stats and tables of each evidence analyzer (issue 7), shared with the
// troubleshooting view. Every list here is capped by the analyzer; totals say how many there were.
import type { AnalysisResult } from "./findings";

// ---- CMS event log

export interface CmsLogStats {
  lines: number;
  timestampedLines: number;
  formats: { "web-ui": number; syslog: number; iso: number };
  levels: { info: number; warning: number; error: number };
  /** As written in the log (web UI: "2017-04-15 10:34:56.536"; syslog has no year). */
  firstTime: string | null;
  lastTime: string | null;
  /** Lines claimed by a T1–T4 rule. */
  matchedLines: number;
}

export interface CmsLogDetails {
  /** Calls with an "ICE failure 4" line (T1), first 200. */
  iceFailureCalls: { call: string; firstLine: number; lines: number }[];
}

// ---- webrtc-internals dump

export type CandidateType = "host" | "srflx" | "prflx" | "relay";

export interface IceCandidateRow {
  type: CandidateType | string;
  address: string;
  port: number;
  protocol: string;
  /** For relay candidates: transport to the TURN server (udp/tcp/tls). */
  relayProtocol?: string;
  /** The STUN/TURN URL that produced it, when Chrome recorded it. */
  url?: string;
}

export interface CandidatePairRow {
  id: string;
  local: string;
  remote: string;
  state: string;
  nominated: boolean;
  bytesSent?: number;
  bytesReceived?: number;
  /** Requests sent / responses received: shows checks going unanswered (T3). */
  requestsSent?: number;
  responsesReceived?: number;
}

export interface IceErrorRow {
  time: string;
  url: string;
  code: number;
  text: string;
  hostCandidate?: string;
}

export interface PeerConnectionSummary {
  id: string;
  url: string;
  turnUrls: string[];
  stunUrls: string[];
  iceTransportPolicy: string | null;
  localCandidates: IceCandidateRow[];
  remoteCandidates: IceCandidateRow[];
  pairs: CandidatePairRow[];
  /** "local → remote" of the pair the transport selected, or null. */
  selectedPair: string | null;
  /** ICE connection states in the order they happened. */
  iceStates: string[];
  connectionStates: string[];
  iceErrors: IceErrorRow[];
  /** TURN URLs the browser tried: errors, relay candidates, and stats. */
  turnUrlsTried: string[];
}

export interface WebrtcInternalsStats {
  peerConnections: number;
  localCandidates: Record<CandidateType, number>;
  remoteCandidates: Record<CandidateType, number>;
  pairStates: Record<string, number>;
  iceErrorCodes: Record<string, number>;
  userAgent: string | null;
}

export interface WebrtcInternalsDetails {
  peerConnections: PeerConnectionSummary[];
  getUserMediaErrors: { error: string; message: string }[];
}

// ---- HAR

export interface HarRequestRow {
  /** 1-based position in log.entries. */
  entry: number;
  startedDateTime: string;
  method: string;
  url: string;
  /** 0 when the browser got no response (blocked, reset, aborted). */
  status: number;
  statusText: string;
  resourceType: string | null;
  redirectURL?: string;
  error?: string;
}

export interface HarWebSocketRow {
  entry: number;
  url: string;
  status: number;
  messagesSent: number;
  messagesReceived: number;
  /** Seconds from the first to the last websocket message, when there were any. */
  activeSeconds: number | null;
}

export interface HarStats {
  entries: number;
  hosts: number;
  joinHost: string | null;
  status: { "2xx": number; "3xx": number; "4xx": number; "5xx": number; failed: number };
  websockets: number;
  websocketsUpgraded: number;
  firstRequest: string | null;
  lastRequest: string | null;
}

export interface HarDetails {
  joinHost: string | null;
  /** Documents, redirects and failures on the join host, first 200. */
  requests: HarRequestRow[];
  websockets: HarWebSocketRow[];
}

// ---- packet capture

export interface StunMessageRow {
  /** 1-based frame number. */
  packet: number;
  /** ISO time of the frame. */
  time: string;
  proto: "udp" | "tcp";
  src: string;
  dst: string;
  method: string;
  cls: "request" | "indication" | "success" | "error";
  /** Wireshark wording, e.g. "Allocate error response". */
  label: string;
  transactionId: string;
  errorCode?: number;
  errorReason?: string;
  username?: string;
  realm?: string;
  /** Carried inside a TURN Send/Data indication or ChannelData rather than sent bare. */
  via?: "indication" | "channel";
  /** Requests only: whether a response with the same transaction id was seen. */
  answered?: boolean;
}

export interface StunFlowSummary {
  proto: "udp" | "tcp";
  /** The side that sent the first request (the client), "ip:port". */
  client: string;
  server: string;
  messages: number;
  requests: number;
  successes: number;
  errors: number;
  indications: number;
  /** Requests (by transaction id) that never got a response in this capture. */
  unanswered: number;
  methods: Record<string, number>;
  errorCodes: Record<string, number>;
  firstTime: string;
  lastTime: string;
}

export interface PcapStats {
  format: "pcap" | "pcapng";
  packets: number;
  bytes: number;
  stunMessages: number;
  stunOverTcp: number;
  requests: number;
  successes: number;
  errors: number;
  indications: number;
  allocateSuccesses: number;
  allocateErrors: Record<string, number>;
  /** Distinct Binding requests to UDP ports 24000–29999 (T3), and how many got an answer. */
  relayBindingRequests: number;
  relayBindingAnswered: number;
  unansweredRequests: number;
  firstTime: string | null;
  lastTime: string | null;
  truncated: boolean;
}

export interface PcapDetails {
  /** First 5000 STUN/TURN messages in capture order. */
  messages: StunMessageRow[];
  messagesTotal: number;
  /** Busiest 1000 conversations. */
  flows: StunFlowSummary[];
  flowsTotal: number;
}

export type CmsLogAnalysis = AnalysisResult<CmsLogStats, CmsLogDetails> & { kind: "cms-log" };
export type WebrtcInternalsAnalysis = AnalysisResult<WebrtcInternalsStats, WebrtcInternalsDetails> & {
  kind: "webrtc-internals";
};
export type HarAnalysis = AnalysisResult<HarStats, HarDetails> & { kind: "har" };
export type PcapAnalysis = AnalysisResult<PcapStats, PcapDetails> & { kind: "pcap" };
export type EvidenceAnalysis = CmsLogAnalysis | WebrtcInternalsAnalysis | HarAnalysis | PcapAnalysis;
