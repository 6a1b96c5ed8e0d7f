import "server-only";
import type { IceCandidateRow, IceErrorRow, PeerConnectionSummary } from "@/lib/domain/evidence-details";
import { EvidenceFormatError } from "../errors";
import { asArray, asNumber, asRecord, asString, clip, entriesOf, timeText } from "../json-shape";
import { candidateKey, extractIceUrls, parseCandidateLine, parseKeyValues } from "./candidates";
import { readStats } from "./stats-reader";

// Chrome's "Create dump" JSON: { getUserMedia: [...], PeerConnections: { "<id>": { url,
// rtcConfiguration, constraints, updateLog: [{time, type, value}], stats: {...} } }, UserAgent }.
// Every part may be missing or shaped as an older Chrome wrote it; only PeerConnections is required.

/** Rows kept per table and PeerConnection; totals are still counted. */
const MAX_ROWS = 50;

export interface PcFacts {
  summary: PeerConnectionSummary;
  /** rtcConfiguration was present, so "no TURN URL" is a fact rather than a gap in the dump. */
  hasConfig: boolean;
  /** Anything ICE-related happened (events or stats); idle PeerConnections are skipped. */
  active: boolean;
  connectedEver: boolean;
  failedEver: boolean;
  /** Where in updateLog each fact came from, for evidence. */
  errorEvents: { time: string; row: IceErrorRow }[];
  stateEvents: { time: string; state: string }[];
}

export interface DumpFacts {
  userAgent: string | null;
  pcs: PcFacts[];
  getUserMediaErrors: { error: string; message: string }[];
}

/** "onIceCandidate", "iceConnectionStateChange" and "icecandidate" are the same event across Chrome versions. */
function eventType(raw: string): string {
  // endsWith + trimEnd, not /\s+\(legacy\)$/: that regex retries a whitespace run from each of its characters.
  const lower = raw.toLowerCase();
  const t = lower.endsWith("(legacy)") ? `${lower.slice(0, -"(legacy)".length).trimEnd()}(legacy)` : lower;
  return t.startsWith("on") ? t.slice(2) : t;
}

/** "kICEConnectionStateFailed" (old) and "failed" (now) → "failed". */
function stateName(raw: string): string {
  return raw
    .replace(/^k?ice(?:connection|gathering)?state/i, "")
    .replace(/^k?peerconnectionstate/i, "")
    .toLowerCase();
}

function push<T>(list: T[], item: T): void {
  if (list.length < MAX_ROWS) list.push(item);
}

function readPeerConnection(id: string, pcValue: unknown): PcFacts {
  const pc = asRecord(pcValue) ?? {};
  const urls = extractIceUrls(pc.rtcConfiguration);
  const s: PeerConnectionSummary = {
    id,
    url: clip(asString(pc.url) ?? "", 500),
    turnUrls: urls.turn,
    stunUrls: urls.stun,
    iceTransportPolicy: urls.policy,
    localCandidates: [],
    remoteCandidates: [],
    pairs: [],
    selectedPair: null,
    iceStates: [],
    connectionStates: [],
    iceErrors: [],
    turnUrlsTried: [],
  };
  const facts: PcFacts = {
    summary: s,
    hasConfig: pc.rtcConfiguration !== undefined,
    active: false,
    connectedEver: false,
    failedEver: false,
    errorEvents: [],
    stateEvents: [],
  };
  const seen = new Map<string, IceCandidateRow>();
  const tried = new Set<string>();
  const addCandidate = (list: IceCandidateRow[], side: string, c: IceCandidateRow) => {
    if (c.type === "relay" && c.url) tried.add(c.url);
    const key = `${side} ${candidateKey(c)}`;
    const known = seen.get(key);
    if (known) {
      // The same candidate from updateLog and from stats: keep what either one knew.
      known.url ??= c.url;
      known.relayProtocol ??= c.relayProtocol;
      if (known.url === undefined) delete known.url;
      if (known.relayProtocol === undefined) delete known.relayProtocol;
      return;
    }
    seen.set(key, c);
    push(list, c);
  };
  const legacyStates: { time: string; state: string }[] = [];
  for (const item of asArray(pc.updateLog)) {
    const ev = asRecord(item);
    if (ev === null) continue;
    const type = eventType(asString(ev.type) ?? "");
    const value = asString(ev.value) ?? "";
    const time = timeText(ev.time);
    if (type === "icecandidate" || type === "addicecandidate") {
      const c = parseCandidateLine(value);
      if (c)
        addCandidate(
          type === "icecandidate" ? s.localCandidates : s.remoteCandidates,
          type === "icecandidate" ? "l" : "r",
          c,
        );
    } else if (type === "icecandidateerror") {
      const kv = parseKeyValues(value);
      const row: IceErrorRow = {
        time,
        url: kv.url ?? "",
        code: asNumber(kv.error_code) ?? 0,
        text: clip(kv.error_text ?? "", 200),
      };
      if (kv.host_candidate) row.hostCandidate = kv.host_candidate;
      if (/^turns?:/i.test(row.url)) tried.add(row.url);
      push(s.iceErrors, row);
      if (facts.errorEvents.length < 10_000) facts.errorEvents.push({ time, row });
    } else if (type === "iceconnectionstatechange") {
      const state = stateName(value);
      push(s.iceStates, state);
      if (facts.stateEvents.length < 10_000) facts.stateEvents.push({ time, state });
    } else if (type === "iceconnectionstatechange(legacy)") {
      legacyStates.push({ time, state: stateName(value) });
    } else if (type === "connectionstatechange") {
      push(s.connectionStates, stateName(value));
    }
  }
  // Old dumps only have the legacy event; newer ones have both, and then the standard one wins.
  if (s.iceStates.length === 0) {
    for (const e of legacyStates.slice(0, MAX_ROWS)) s.iceStates.push(e.state);
    facts.stateEvents.push(...legacyStates.slice(0, 10_000));
  }
  const stats = readStats(pc.stats);
  for (const c of stats.local) addCandidate(s.localCandidates, "l", c);
  for (const c of stats.remote) addCandidate(s.remoteCandidates, "r", c);
  s.pairs = stats.pairs.slice(0, MAX_ROWS);
  s.selectedPair = stats.selectedPair;
  s.turnUrlsTried = [...tried].slice(0, MAX_ROWS);
  const allStates = [...s.iceStates, ...s.connectionStates];
  facts.connectedEver = allStates.some((x) => x === "connected" || x === "completed") || stats.selectedPair !== null;
  facts.failedEver = allStates.includes("failed");
  facts.active =
    s.localCandidates.length +
      s.remoteCandidates.length +
      s.iceErrors.length +
      s.iceStates.length +
      stats.pairs.length >
    0;
  return facts;
}

export function readDump(json: unknown): DumpFacts {
  const root = asRecord(json);
  const pcsValue = root?.PeerConnections ?? root?.peerConnections;
  const pcs = asRecord(pcsValue);
  if (root === null || pcs === null) {
    const keys = root ? Object.keys(root).slice(0, 6).join(", ") : "";
    const har =
      asRecord(root?.log)?.entries !== undefined ? " It looks like a HAR file: drop it on the HAR analyzer." : "";
    throw new EvidenceFormatError(
      "webrtc-internals",
      `This is not a webrtc-internals dump: no PeerConnections object${keys ? ` (top-level keys: ${keys})` : ""}. ` +
        `Create it in chrome://webrtc-internals with "Create dump" → "Download the PeerConnection updates and stats data".${har}`,
    );
  }
  const getUserMediaErrors: DumpFacts["getUserMediaErrors"] = [];
  for (const item of asArray(root.getUserMedia)) {
    const g = asRecord(item);
    const error = asString(g?.error);
    if (error && getUserMediaErrors.length < MAX_ROWS)
      getUserMediaErrors.push({ error, message: clip(asString(g?.error_message) ?? "", 300) });
  }
  return {
    userAgent: asString(root.UserAgent) ?? asString(root.userAgent),
    pcs: entriesOf(pcs, 10_000).map(([id, v]) => readPeerConnection(id, v)),
    getUserMediaErrors,
  };
}
