import "server-only";
import type { CandidateType, IceCandidateRow } from "@/lib/domain/evidence-details";
import { asString, type JsonRecord } from "../json-shape";

// Text formats inside a webrtc-internals dump, as Chrome's PeerConnectionTracker writes them:
//   icecandidate       "sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 41885439 203.0.113.5 24012 typ relay raddr …"
//   icecandidateerror  "url: turn:203.0.113.5:3478?transport=udp\naddress: 192.0.2.10\nport: 54321\nhost_candidate: …\nerror_text: …\nerror_code: 401"
//   rtcConfiguration   "{ iceServers: [turn:203.0.113.5:3478?transport=udp, …], iceTransportPolicy: all, … }"
// (older Chrome versions: "onIceCandidate", an object instead of the string, legacy stats names).

// Bounded to what RFC 8839 allows (foundation 1–32 ice-chars, component/priority/port digits):
// an open `\S+` after "candidate:" rescanned the rest of the text from every occurrence, so
// "candidate:" repeated cost quadratic time (a 691-byte gzip froze the server for 8.8 s).
const SDP_CANDIDATE =
  /candidate:[A-Za-z0-9+/]{1,32} \d{1,5} (udp|tcp|ssltcp) \d{1,10} ([^\s]{1,255}) (\d{1,5}) typ (host|srflx|prflx|relay)\b/i;
const URL_IN_TEXT = /\b(?:turns?|stuns?):[^\s,\]}"'<>]{1,300}/gi;

/** Legacy (googXxx / RTCStatsReport of old Chrome) names for candidate types. */
const TYPE_ALIASES: Record<string, CandidateType> = {
  host: "host",
  local: "host",
  srflx: "srflx",
  stun: "srflx",
  serverreflexive: "srflx",
  prflx: "prflx",
  peerreflexive: "prflx",
  relay: "relay",
  relayed: "relay",
};

export function normalizeCandidateType(raw: string | null): CandidateType | string {
  if (raw === null) return "unknown";
  return TYPE_ALIASES[raw.toLowerCase().replace(/[^a-z]/g, "")] ?? raw;
}

export function parseCandidateLine(value: string): IceCandidateRow | null {
  const m = SDP_CANDIDATE.exec(value);
  if (!m) return null;
  const row: IceCandidateRow = {
    type: m[4]!.toLowerCase(),
    address: m[2]!,
    port: Number(m[3]),
    protocol: m[1]!.toLowerCase(),
  };
  const url = /\burl: ((?:turns?|stuns?):\S+)/i.exec(value);
  if (url) row.url = url[1]!.replace(/,$/, "");
  return row;
}

/** "key: value" lines (Chrome joins icecandidateerror fields with newlines). */
export function parseKeyValues(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(/\r?\n|,\s+(?=[a-z_]+: )/i)) {
    const at = part.indexOf(": ");
    if (at <= 0) continue;
    const key = part.slice(0, at).trim().toLowerCase();
    if (key.length > 40) continue;
    out[key] = part.slice(at + 2).trim();
  }
  return out;
}

/** All stun:/turn: URLs in a configuration, whatever shape Chrome gave it (string or object). */
export function extractIceUrls(config: unknown): { turn: string[]; stun: string[]; policy: string | null } {
  const texts: string[] = [];
  collectStrings(config, texts, 0);
  const turn = new Set<string>();
  const stun = new Set<string>();
  let policy: string | null = null;
  for (const t of texts) {
    for (const m of t.matchAll(URL_IN_TEXT)) {
      const url = m[0];
      if (/^turns?:/i.test(url)) turn.add(url);
      else stun.add(url);
      if (turn.size + stun.size > 100) break;
    }
    const p = /iceTransportPolicy"?\s*:\s*"?(\w+)/.exec(t);
    if (p) policy = p[1]!;
  }
  return { turn: [...turn], stun: [...stun], policy };
}

/** Gathers strings from nested config objects without recursion depth a hostile file could abuse. */
function collectStrings(v: unknown, out: string[], depth: number): void {
  if (out.length > 1000 || depth > 8) return;
  const s = asString(v);
  if (s !== null) {
    out.push(s.length > 65_536 ? s.slice(0, 65_536) : s);
    return;
  }
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 200)) collectStrings(item, out, depth + 1);
    return;
  }
  if (typeof v === "object" && v !== null) {
    let n = 0;
    for (const [k, item] of Object.entries(v as JsonRecord)) {
      if (n++ > 200) break;
      // Keep the key so "iceTransportPolicy: relay" stays recognisable in object form.
      if (typeof item === "string") out.push(`${k}: ${item}`);
      else collectStrings(item, out, depth + 1);
    }
  }
}

export function candidateKey(c: IceCandidateRow): string {
  return `${c.type} ${c.protocol} ${c.address}:${c.port}`;
}

export function describeCandidate(c: IceCandidateRow | undefined, fallback: string): string {
  if (!c) return fallback;
  const relay = c.relayProtocol ? ` via ${c.relayProtocol}` : "";
  return `${c.type} ${c.address}:${c.port}/${c.protocol}${relay}`;
}
