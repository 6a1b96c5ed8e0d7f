import "server-only";
import type { EvidenceRef, Finding } from "@/lib/domain/findings";
import { MAX_EVIDENCE_PER_FINDING } from "@/lib/domain/findings";
import { fixFor } from "@/lib/domain/fix-steps";
import type { PcFacts } from "./dump-reader";

// What a browser's view of ICE says about T1 and T3:
// - TURN answered 401/431 → the credentials CMS hands out (its turnServer, C5) do not match
//   Expressway-E's local database (C3): T1. Chrome retries the 401 challenge itself, so a 401
//   that reaches icecandidateerror is a real rejection.
// - 701 → the TURN server was not reached at all (R6). Chrome also reports 701 for every local
//   interface that cannot reach the server (e.g. IPv6 to an IPv4 server), so it only counts when
//   no relay candidate came from that URL.
// - A relay candidate but no working pair → the relay ports are not reachable (T3).

const CREDENTIAL_CODES = new Set([401, 431, 441]);
const CAPACITY_CODES = new Set([486, 508]);

interface ErrorMatch {
  refs: EvidenceRef[];
  total: number;
  codes: Set<number>;
  urls: Set<string>;
}

function errorRefs(pc: PcFacts, want: (code: number, url: string) => boolean): ErrorMatch {
  const refs: EvidenceRef[] = [];
  const folded = new Map<string, EvidenceRef>();
  const codes = new Set<number>();
  const urls = new Set<string>();
  let total = 0;
  for (const { time, row } of pc.errorEvents) {
    if (!want(row.code, row.url)) continue;
    total++;
    codes.add(row.code);
    if (urls.size < 20) urls.add(row.url);
    const key = `${row.url} ${row.code}`;
    const prev = folded.get(key);
    if (prev) {
      prev.count = (prev.count ?? 1) + 1;
      prev.last = time;
      continue;
    }
    if (refs.length >= MAX_EVIDENCE_PER_FINDING) continue;
    const ref: EvidenceRef = {
      peerConnection: pc.summary.id,
      first: time,
      text: `${time}  icecandidateerror ${row.code} ${row.text} — ${row.url}${row.hostCandidate ? ` (from ${row.hostCandidate})` : ""}`,
    };
    folded.set(key, ref);
    refs.push(ref);
  }
  return { refs, total, codes, urls };
}

const relayCandidates = (pc: PcFacts) => pc.summary.localCandidates.filter((c) => c.type === "relay");

export function pcFindings(pc: PcFacts): Finding[] {
  const s = pc.summary;
  const out: Finding[] = [];
  const relays = relayCandidates(pc);
  const relayUrls = new Set(relays.map((c) => c.url).filter((u): u is string => !!u));
  const where = `PeerConnection ${s.id}${s.url ? ` (${s.url})` : ""}`;
  const tried = s.turnUrlsTried.length > 0 ? s.turnUrlsTried.join(", ") : s.turnUrls.join(", ") || "none";

  const creds = errorRefs(pc, (c, url) => CREDENTIAL_CODES.has(c) && !/^stuns?:/i.test(url));
  if (creds.total > 0) {
    const partial = relays.length > 0 && pc.connectedEver;
    out.push({
      id: "webrtc-internals.turn-credentials",
      severity: partial ? "warn" : "fail",
      scenarioIds: ["T1"],
      domainIds: ["C3", "C5"],
      confidence: "high",
      title: "TURN rejected the credentials (401/431)",
      detail:
        `${where}: the TURN server answered the browser's Allocate with ${[...creds.codes].join("/")} ` +
        `(${creds.total} error events from ${[...creds.urls].join(", ")}; TURN URLs tried: ${tried}). ` +
        (partial
          ? "Another TURN server still gave a relay, so one Expressway-E node has different credentials (cluster: C3 on every node)."
          : "No relay candidate was gathered, so media cannot reach the Call Bridge: the client returns to the start page (T1)."),
      evidence: creds.refs,
      ...(creds.total > creds.refs.length ? { evidenceTotal: creds.total } : {}),
      fix: fixFor("T1"),
    });
  }

  const unreachable = errorRefs(pc, (c, url) => c === 701 && /^turns?:/i.test(url) && !relayUrls.has(url));
  if (unreachable.total > 0 && relays.length === 0) {
    out.push({
      id: "webrtc-internals.turn-unreachable",
      severity: pc.connectedEver ? "warn" : "fail",
      scenarioIds: ["T1"],
      domainIds: ["R6", "C5"],
      confidence: "medium",
      title: "TURN server not reached (701)",
      detail:
        `${where}: the browser got no answer from ${[...unreachable.urls].join(", ")} and gathered no relay candidate. The symptom is T1's ` +
        "(connecting, then back to the start page), but the cause is reachability: UDP 3478 to Expressway-E's public address (R6) " +
        "or a wrong clientAddress on the CMS turnServer (C5).",
      evidence: unreachable.refs,
      ...(unreachable.total > unreachable.refs.length ? { evidenceTotal: unreachable.total } : {}),
      fix: fixFor("turnUnreachable"),
    });
  }

  const capacity = errorRefs(pc, (c) => CAPACITY_CODES.has(c));
  if (capacity.total > 0) {
    out.push({
      id: "webrtc-internals.turn-capacity",
      severity: "warn",
      scenarioIds: [],
      domainIds: ["R4", "V5"],
      confidence: "high",
      title: "TURN out of capacity (486/508)",
      detail: `${where}: the TURN server refused an allocation for quota or capacity (${capacity.total} events).`,
      evidence: capacity.refs,
      fix: fixFor("relayCapacity"),
    });
  }

  if (relays.length === 0 && creds.total === 0 && unreachable.total === 0) {
    if (pc.hasConfig && s.turnUrls.length === 0) {
      out.push({
        id: "webrtc-internals.no-turn-server",
        severity: pc.connectedEver ? "info" : "warn",
        scenarioIds: pc.connectedEver ? [] : ["T1"],
        domainIds: ["C5"],
        confidence: "medium",
        title: "The browser was given no TURN server",
        detail: `${where}: rtcConfiguration lists no turn: URL, so an outside client has no relay through Expressway-E. CMS hands out its turnServer objects (C5).`,
        evidence: [{ peerConnection: s.id, text: `stun: ${s.stunUrls.join(", ") || "none"}; turn: none` }],
        fix: fixFor("noTurnServer"),
      });
    } else if (s.turnUrls.length > 0 && !pc.connectedEver) {
      out.push({
        id: "webrtc-internals.no-relay",
        severity: pc.failedEver ? "fail" : "warn",
        scenarioIds: ["T1"],
        domainIds: ["R6", "C5"],
        confidence: "low",
        title: "TURN configured but no relay candidate",
        detail: `${where}: TURN URLs ${s.turnUrls.join(", ")} were configured, yet no relay candidate and no TURN error was recorded. The dump may have been taken too early, or the TURN server was silent.`,
        evidence: s.turnUrls
          .slice(0, MAX_EVIDENCE_PER_FINDING)
          .map((u) => ({ peerConnection: s.id, text: `configured ${u}` })),
        fix: fixFor("turnUnreachable"),
      });
    }
  }

  if (relays.length > 0 && !pc.connectedEver && (pc.failedEver || s.pairs.length > 0)) {
    const pairs = s.pairs.filter((p) => p.local.startsWith("relay") || p.remote.startsWith("relay"));
    const shown = (pairs.length > 0 ? pairs : s.pairs).slice(0, MAX_EVIDENCE_PER_FINDING);
    const failedAt = pc.stateEvents.find((e) => e.state === "failed");
    out.push({
      id: "webrtc-internals.relay-checks-failed",
      severity: pc.failedEver ? "fail" : "warn",
      scenarioIds: ["T3"],
      domainIds: ["R10"],
      confidence: pc.failedEver ? "medium" : "low",
      title: "Relay allocated, but no candidate pair succeeded",
      detail:
        `${where}: the browser got ${relays.length} relay candidate(s) (${relays
          .map((c) => `${c.address}:${c.port}`)
          .slice(0, 3)
          .join(", ")}) ` +
        `but connectivity checks never succeeded${failedAt ? ` and ICE failed at ${failedAt.time}` : ""}. TURN credentials work; ` +
        "the Binding requests to the relay ports 24000–29999 go unanswered (T3). Confirm with captures on the client and Expressway-E.",
      evidence: [
        ...relays.slice(0, 5).map((c) => ({
          peerConnection: s.id,
          text: `relay candidate ${c.address}:${c.port}/${c.protocol}${c.url ? ` from ${c.url}` : ""}`,
        })),
        ...shown.map((p) => ({
          peerConnection: s.id,
          text: `pair ${p.local} → ${p.remote}: ${p.state}${p.requestsSent !== undefined ? `, ${p.requestsSent} requests sent / ${p.responsesReceived ?? 0} responses` : ""}`,
        })),
      ],
      fix: fixFor("T3"),
    });
  }

  if (pc.connectedEver) {
    const viaRelay = s.selectedPair?.includes("relay") ?? false;
    out.push({
      id: "webrtc-internals.connected",
      severity: "info",
      scenarioIds: [],
      domainIds: viaRelay ? ["V5"] : [],
      confidence: "high",
      title: viaRelay ? "Media path established through the TURN relay" : "Media path established",
      detail: `${where}: ICE connected${s.selectedPair ? `; selected pair ${s.selectedPair}` : ""}.`,
      evidence: s.selectedPair ? [{ peerConnection: s.id, text: `selected ${s.selectedPair}` }] : [],
      fix: [],
    });
  }
  return out;
}
